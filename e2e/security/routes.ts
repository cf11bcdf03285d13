// Every route of the panel and who may use it. The permission matrix test proves each entry,
// and fails when a page or route handler exists in app/ without an entry here.
import type { Permission } from "@/lib/auth/permissions";

export type RouteSpec = {
  /** The file under app/ that serves it. */
  file: string;
  /** A concrete path to request. */
  path: string;
  method: "GET" | "POST";
  /** "public": anyone; otherwise the permission it needs. */
  needs: Permission | "public";
  body?: unknown;
  /** The status a permitted caller gets when it is not 200 (the matrix DB lacks what the route serves). */
  allowedStatus?: number;
};

export const ROUTES: RouteSpec[] = [
  { file: "app/(panel)/page.tsx", path: "/", method: "GET", needs: "dashboard:read" },
  { file: "app/(panel)/inventory/page.tsx", path: "/inventory", method: "GET", needs: "inventory:read" },
  // A service's health history (uptime, incidents): read-only, for whoever sees the dashboard.
  { file: "app/(panel)/services/[slug]/page.tsx", path: "/services/grafana", method: "GET", needs: "dashboard:read" },
  { file: "app/(panel)/inventory/services/new/page.tsx", path: "/inventory/services/new", method: "GET", needs: "inventory:write" },
  { file: "app/(panel)/inventory/services/[slug]/page.tsx", path: "/inventory/services/grafana", method: "GET", needs: "inventory:write" },
  { file: "app/(panel)/inventory/machines/new/page.tsx", path: "/inventory/machines/new", method: "GET", needs: "inventory:write" },
  { file: "app/(panel)/inventory/machines/[name]/page.tsx", path: "/inventory/machines/frame1", method: "GET", needs: "inventory:write" },
  // The machine page (deploy, rollback, generations, history). The matrix DB's frame1 is unreachable: the page still renders.
  { file: "app/(panel)/machines/[name]/page.tsx", path: "/machines/frame1", method: "GET", needs: "jobs:read" },
  // The first-run path: the panel's key, the lines to add, the checks (read-only, any role).
  { file: "app/(panel)/first-run/page.tsx", path: "/first-run", method: "GET", needs: "jobs:read" },
  { file: "app/(panel)/inventory/import/page.tsx", path: "/inventory/import", method: "GET", needs: "inventory:write" },
  { file: "app/(panel)/account/page.tsx", path: "/account", method: "GET", needs: "account:manage" },
  { file: "app/(panel)/users/page.tsx", path: "/users", method: "GET", needs: "users:manage" },
  { file: "app/(panel)/audit/page.tsx", path: "/audit", method: "GET", needs: "audit:read" },
  // Notification channels hold secrets and send to the outside: admins only (others get 403, anonymous the login).
  { file: "app/(panel)/settings/notifications/page.tsx", path: "/settings/notifications", method: "GET", needs: "notify:manage" },
  { file: "app/api/audit/route.ts", path: "/api/audit", method: "GET", needs: "audit:read" },
  // Jobs (lib/jobs). The matrix DB's seeded frame1 is unreachable: started jobs fail fast, job 1 exists.
  {
    file: "app/api/machines/[name]/jobs/route.ts",
    path: "/api/machines/frame1/jobs",
    method: "POST",
    needs: "jobs:run",
    body: { kind: "generations", args: {} },
  },
  { file: "app/api/jobs/route.ts", path: "/api/jobs?machine=frame1", method: "GET", needs: "jobs:read" },
  { file: "app/api/jobs/[id]/route.ts", path: "/api/jobs/1", method: "GET", needs: "jobs:read" },
  { file: "app/api/jobs/[id]/log/route.ts", path: "/api/jobs/1/log?after=0", method: "GET", needs: "jobs:read" },
  { file: "app/api/jobs/[id]/log/download/route.ts", path: "/api/jobs/1/log/download", method: "GET", needs: "jobs:read" },
  { file: "app/(panel)/jobs/page.tsx", path: "/jobs", method: "GET", needs: "jobs:read" },
  { file: "app/(panel)/jobs/[id]/page.tsx", path: "/jobs/1", method: "GET", needs: "jobs:read" },
  { file: "app/(panel)/journal/page.tsx", path: "/journal", method: "GET", needs: "jobs:read" },
  // Installer images: download streams one from its build host. The matrix DB's job 1 built no image:
  // a permitted caller passes the permission check and gets 404 (the lab spec downloads real ones).
  {
    file: "app/api/isos/[id]/download/route.ts",
    path: "/api/isos/1/download",
    method: "GET",
    needs: "iso:download",
    allowedStatus: 404,
  },
  { file: "app/api/jobs/[id]/cancel/route.ts", path: "/api/jobs/1/cancel", method: "POST", needs: "jobs:run", body: {} },
  // Fleet deploys (lib/jobs/fleet.ts): the plan and the start need jobs:run; reading a fleet (page, API) jobs:read. The
  // matrix DB's frame1 is unreachable: fleet 1's only child fails fast; cancel answers what it cancelled (nothing).
  { file: "app/api/fleet/plan/route.ts", path: "/api/fleet/plan", method: "POST", needs: "jobs:run", body: { machines: ["frame1"] } },
  { file: "app/api/fleet/route.ts", path: "/api/fleet", method: "POST", needs: "jobs:run", body: { machines: ["frame1"] } },
  { file: "app/api/fleet/[id]/route.ts", path: "/api/fleet/1", method: "GET", needs: "jobs:read" },
  { file: "app/api/fleet/[id]/cancel/route.ts", path: "/api/fleet/1/cancel", method: "POST", needs: "jobs:run", body: {} },
  { file: "app/(panel)/fleet/[id]/page.tsx", path: "/fleet/1", method: "GET", needs: "jobs:read" },
  { file: "app/api/machines/[name]/host-key/route.ts", path: "/api/machines/frame1/host-key", method: "GET", needs: "inventory:read" },
  {
    file: "app/api/machines/[name]/host-key/route.ts",
    path: "/api/machines/frame1/host-key",
    method: "POST",
    needs: "hostkeys:trust",
    body: { fingerprint: "SHA256:XkMEwxx0B0yPhtrXhtn5z3wpGQmFKGRn8y48MX7tsHk" },
  },
  { file: "app/api/auth/logout-all/route.ts", path: "/api/auth/logout-all", method: "POST", needs: "account:manage", body: {} },
  // Public by design: the login and setup pages and endpoints, liveness, and the benchmark's empty page.
  { file: "app/(panel)/login/page.tsx", path: "/login", method: "GET", needs: "public" },
  { file: "app/(panel)/setup/page.tsx", path: "/setup", method: "GET", needs: "public" },
  {
    file: "app/api/auth/login/route.ts",
    path: "/api/auth/login",
    method: "POST",
    needs: "public",
    body: { name: "nobody", password: "x" },
  },
  { file: "app/api/auth/logout/route.ts", path: "/api/auth/logout", method: "POST", needs: "public", body: {} },
  {
    file: "app/api/auth/setup/route.ts",
    path: "/api/auth/setup",
    method: "POST",
    needs: "public",
    body: { name: "mallory", password: "long-enough-password" },
  },
  { file: "app/api/health/route.ts", path: "/api/health", method: "GET", needs: "public" },
  { file: "app/(panel)/bench/floor/page.tsx", path: "/bench/floor", method: "GET", needs: "public" },
];

/**
 * Socket events clients may send, what each needs, and a valid payload (for the matrix DB: job 1
 * exists, frame1 is in the inventory). Events with a payload answer through their ack.
 */
export const SOCKET_EVENTS: { event: string; needs: Permission; payload?: unknown }[] = [
  { event: "dashboard:subscribe", needs: "dashboard:read" },
  { event: "job:subscribe", needs: "jobs:read", payload: { jobId: 1, after: 0 } },
  { event: "job:unsubscribe", needs: "jobs:read", payload: { jobId: 1 } },
  // What changes a machine (its queue, its jobs' statuses): the machine page's buttons and history.
  { event: "machine:subscribe", needs: "jobs:read", payload: { machine: "frame1" } },
  { event: "machine:unsubscribe", needs: "jobs:read", payload: { machine: "frame1" } },
  // Unit states colour the tiles, so they follow the dashboard (anonymous viewers get no PIDs or memory).
  { event: "units:subscribe", needs: "dashboard:read", payload: { machine: "frame1" } },
  { event: "units:unsubscribe", needs: "dashboard:read", payload: { machine: "frame1" } },
  // Machine resources: machines are not shown to anonymous visitors, so neither are their figures.
  { event: "metrics:subscribe", needs: "inventory:read", payload: { machine: "frame1" } },
  { event: "metrics:unsubscribe", needs: "inventory:read", payload: { machine: "frame1" } },
  { event: "metrics:range", needs: "inventory:read", payload: { machine: "frame1", range: "1h" } },
  // Journals can hold secrets: never anonymous.
  { event: "journal:subscribe", needs: "jobs:read", payload: { machine: "frame1", units: ["sshd.service"], priority: "err" } },
  { event: "journal:unsubscribe", needs: "jobs:read", payload: { streamId: "j0000000000000000" } },
];

/** Every server action (file + exported name, as in Next's server-reference manifest). */
export const ACTIONS: { file: string; name: string; needs: Permission }[] = [
  { file: "app/(panel)/inventory/actions.ts", name: "saveService", needs: "inventory:write" },
  { file: "app/(panel)/inventory/actions.ts", name: "removeService", needs: "inventory:write" },
  { file: "app/(panel)/inventory/actions.ts", name: "saveMachine", needs: "inventory:write" },
  { file: "app/(panel)/inventory/actions.ts", name: "removeMachine", needs: "inventory:write" },
  { file: "app/(panel)/inventory/host-key-actions.ts", name: "trustHostKeyAction", needs: "hostkeys:trust" },
  { file: "app/(panel)/machines/[name]/actions.ts", name: "restartUnitAction", needs: "units:restart" },
  // Deleting an installer image frees disk space on the build host; the same revision builds it again.
  { file: "app/(panel)/machines/[name]/iso-actions.ts", name: "deleteIsoAction", needs: "iso:delete" },
  // Fetch (remote-tracking refs only) and Pull (fast-forward only) in the flake checkout on the build host: operators and admins.
  { file: "app/(panel)/machines/[name]/checkout-actions.ts", name: "fetchCheckoutAction", needs: "jobs:run" },
  { file: "app/(panel)/machines/[name]/checkout-actions.ts", name: "pullCheckoutAction", needs: "jobs:run" },
  // Update inputs: accept (commit flake.lock, optionally push, deploy) or cancel a preview: operators and admins. The
  // update job itself starts through POST /api/machines/[name]/jobs (kind flake-update, jobs:run).
  { file: "app/(panel)/machines/[name]/flake-update-actions.ts", name: "acceptFlakeUpdateAction", needs: "jobs:run" },
  { file: "app/(panel)/machines/[name]/flake-update-actions.ts", name: "cancelFlakeUpdateAction", needs: "jobs:run" },
  // Promote (deploy production from the revision that passed on its test machine): operators and admins; the
  // override of a revision that did not pass is checked inside the action (promote:override, admins) and audited.
  { file: "app/(panel)/machines/[name]/promote-actions.ts", name: "promoteAction", needs: "jobs:run" },
  // The schedule of input update checks, for all machines: admins.
  { file: "app/(panel)/machines/[name]/flake-update-actions.ts", name: "setFlakeScheduleAction", needs: "inventory:write" },
  // Check connection: reads only, so every role that sees the machine page may run it.
  { file: "app/(panel)/machines/[name]/check-actions.ts", name: "runCheckAction", needs: "jobs:read" },
  { file: "app/(panel)/first-run/actions.ts", name: "createPanelKeyAction", needs: "sshkey:create" },
  { file: "app/(panel)/inventory/import/actions.ts", name: "importHomepage", needs: "inventory:write" },
  { file: "app/(panel)/inventory/import/actions.ts", name: "importFlake", needs: "inventory:write" },
  { file: "app/(panel)/inventory/import/actions.ts", name: "loadHomepageFromFlake", needs: "inventory:write" },
  { file: "app/(panel)/inventory/import/actions.ts", name: "loadHomepageFromNix", needs: "inventory:write" },
  { file: "app/(panel)/users/actions.ts", name: "addUser", needs: "users:manage" },
  { file: "app/(panel)/users/actions.ts", name: "setRole", needs: "users:manage" },
  { file: "app/(panel)/users/actions.ts", name: "removeUser", needs: "users:manage" },
  { file: "app/(panel)/settings/notifications/actions.ts", name: "saveChannelAction", needs: "notify:manage" },
  { file: "app/(panel)/settings/notifications/actions.ts", name: "deleteChannelAction", needs: "notify:manage" },
  { file: "app/(panel)/settings/notifications/actions.ts", name: "sendTestAction", needs: "notify:manage" },
  { file: "app/(panel)/account/actions.ts", name: "changePassword", needs: "account:manage" },
  { file: "app/(panel)/account/actions.ts", name: "startTotp", needs: "account:manage" },
  { file: "app/(panel)/account/actions.ts", name: "confirmTotp", needs: "account:manage" },
  { file: "app/(panel)/account/actions.ts", name: "disableTotp", needs: "account:manage" },
  // The inline "use server" wrapper around startTotp on the account page.
  { file: "app/(panel)/account/page.tsx", name: "$$RSC_SERVER_ACTION_0", needs: "account:manage" },
];
