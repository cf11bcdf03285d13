// Nothing reaches a host on hostile input. Counts sshd's "Accepted publickey for admin" lines in
// frame1's journal (the panel's machines log in as admin; the counting itself runs as root) before
// and after hostile job requests, through the runner and through the start API handler, and with
// machines whose flakeDir / deployCommand / buildHost / flakeAttr / SSH fields are hostile
// (inserted directly into the DB, bypassing the form). Every one must be refused with a clear
// error, and no login may happen. A legitimate job at the end proves the counter counts.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { lab } from "@/e2e/lab";
import { useTestDatabase } from "../test/db";
import type { SshPool } from "../ssh/pool";
import { setJobRunner } from ".";
import { labMachines } from "../test/lab-jobs";
import { loadJob } from "./job-store";
import type { JobKind } from "../wire/job-kinds";
import { JobRunner } from "./runner";

const admin = { id: 0, name: "hostile-test-admin", role: "admin" as const };
vi.mock("@/lib/auth/current", () => ({
  authorizeRoute: async () => ({ user: admin, ctx: { address: "127.0.0.1" }, denied: null }),
  requireAction: async () => ({ user: admin, ctx: { address: "127.0.0.1" } }),
}));
const { POST: startJob } = await import("@/app/api/machines/[name]/jobs/route");

const tdb = useTestDatabase();
let pool: SshPool;
let runner: JobRunner;
let frame1Fingerprint: string;

const LOGINS = "journalctl -u ssh --no-pager -o cat | grep -c 'Accepted publickey for admin ' || true";
const adminLogins = async () => Number((await lab.run("frame1", LOGINS, "root")).trim());
const settle = () => new Promise((r) => setTimeout(r, 1500));

const BIG = "x".repeat(10_240);
const HOSTILE_GENERATIONS: unknown[] = [
  "1; reboot",
  "$(id)",
  "`id`",
  -1,
  0,
  1.5,
  1_000_001,
  "1",
  "../x",
  BIG,
  null,
  true,
  [1],
  { n: 1 },
  "-1",
  " 1",
  "1\nreboot",
  Number.NaN,
];

async function enqueueRefused(machine: string, kind: string, args: unknown): Promise<string> {
  let message = "";
  let jobId: number | null = null;
  try {
    jobId = (await runner.enqueue({ machine, kind: kind as JobKind, args, requestedById: null })).id;
  } catch (err) {
    message = err instanceof Error ? err.message : String(err);
    expect(err, message).toBeInstanceOf(Error);
    expect((err as Error).name, `${kind} ${JSON.stringify(args)?.slice(0, 80)}: ${message}`).not.toBe("TypeError");
  }
  if (jobId !== null) {
    // Accepted as a job: it must still fail without reaching the host.
    await runner.idle();
    const job = await loadJob(tdb.client(), jobId);
    expect(job.status, job.message).toBe("failed");
    message = job.message;
  }
  expect(message.length, "a refusal must say why").toBeGreaterThan(5);
  return message;
}

beforeAll(async () => {
  const { info, pool: p } = await labMachines(tdb.client());
  pool = p;
  frame1Fingerprint = info.hosts.find((h) => h.name === "frame1")!.hostKeyFingerprint;
  await tdb
    .client()
    .user.create({ data: { name: admin.name, passwordHash: "x", role: "admin" } })
    .then((u) => (admin.id = u.id));
  runner = new JobRunner({ db: tdb.client(), databaseUrl: tdb.url(), pool, settings: { flushMs: 50 } });
  await runner.start();
  setJobRunner(runner);
  // Machines that reach frame1 (right address, user and pinned key) but carry hostile fields.
  const good = {
    system: "x86_64-linux",
    role: "testing",
    sshHost: "10.231.1.2",
    sshUser: "admin",
    hostKeyFingerprint: frame1Fingerprint,
    flakeAttr: "frame1",
  };
  const hostile: Record<string, Record<string, unknown>> = {
    "bad-flakedir-semi": { flakeDir: "/home/admin/homelab; reboot" },
    "bad-flakedir-subst": { flakeDir: "/home/admin/$(id)" },
    "bad-flakedir-dash": { flakeDir: "-oProxyCommand=x" },
    "bad-flakedir-dots": { flakeDir: "/home/admin/../../etc" },
    "bad-flakedir-space": { flakeDir: "/home/admin/homelab --impure" },
    "bad-flakedir-big": { flakeDir: "/" + BIG },
    "bad-deploy-cmd": { deployCommand: "reboot" },
    "bad-deploy-cmd-args": { deployCommand: "/bin/sh -c id" },
    "bad-deploy-cmd-semi": { deployCommand: "/usr/local/bin/deploy;reboot" },
    "bad-buildhost": { buildHost: "frame1; reboot" },
    "bad-buildhost-subst": { buildHost: "$(reboot)" },
    "bad-attr": { flakeAttr: "frame1; reboot" },
    "bad-attr-dash": { flakeAttr: "--impure" },
  };
  for (const [name, fields] of Object.entries(hostile)) await tdb.client().machine.create({ data: { ...good, name, ...fields } });
  // A machine whose build host exists but is hostile in its SSH fields.
  await tdb.client().machine.create({ data: { ...good, name: "evil-builder", sshUser: "admin; reboot" } });
  await tdb.client().machine.create({ data: { ...good, name: "via-evil-builder", buildHost: "evil-builder" } });
  await tdb.client().machine.create({ data: { ...good, name: "bad-sshhost", sshHost: "-oProxyCommand=reboot" } });
});

afterAll(async () => {
  await runner?.shutdown(2000);
  pool?.closeAll();
});

describe("hostile input never reaches frame1", () => {
  it("refuses hostile job arguments, kinds and machines, with no login on the host", async () => {
    const before = await adminLogins();
    const refusals: string[] = [];

    // 1. The runner itself (what every caller goes through).
    for (const generation of HOSTILE_GENERATIONS) refusals.push(await enqueueRefused("frame1", "rollback", { generation }));
    refusals.push(await enqueueRefused("frame1", "rollback", {}));
    refusals.push(await enqueueRefused("frame1", "rollback", { generation: 1, command: "reboot" }));
    refusals.push(await enqueueRefused("frame1", "rollback", "1; reboot"));
    refusals.push(await enqueueRefused("frame1", "generations", { extra: "$(id)" }));
    refusals.push(await enqueueRefused("frame1", "deploy", { flakeDir: "/tmp; reboot" }));
    for (const kind of ["reboot", "shell", "__proto__", "constructor", "toString", "../deploy", BIG, ""]) {
      refusals.push(await enqueueRefused("frame1", kind, {}));
    }
    for (const machine of ["frame1; reboot", "$(id)", "../frame1", "-oProxyCommand=x", BIG, "nope"]) {
      refusals.push(await enqueueRefused(machine, "generations", {}));
    }
    const hostileMachines = (
      await tdb.client().machine.findMany({ where: { name: { notIn: ["frame1", "frame1-rekeyed", "frame1-new"] } } })
    ).map((m) => m.name);
    for (const machine of hostileMachines) {
      for (const kind of ["validate", "build", "dry-run", "deploy"] as const) {
        const message = await enqueueRefused(machine, kind, {});
        expect(message, `${machine} ${kind}`).not.toMatch(/internal error/i);
        refusals.push(message);
      }
    }

    // 2. The start API handler (POST /api/machines/[name]/jobs), as a browser would call it.
    const post = async (name: string, body: string) => {
      const res = await startJob(new Request(`http://panel.test/api/machines/${encodeURIComponent(name)}/jobs`, { method: "POST", body }), {
        params: Promise.resolve({ name }),
      });
      const json = (await res.json()) as { error?: { message: string }; job?: { id: number } };
      if (json.job) {
        await runner.idle();
        const job = await loadJob(tdb.client(), json.job.id);
        expect(job.status, `${name} ${body.slice(0, 80)} was accepted: ${job.message}`).toBe("failed");
        return job.message;
      }
      expect(res.status, `${name} ${body.slice(0, 80)}`).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      expect(json.error?.message, "the one error shape").toBeTruthy();
      return json.error!.message;
    };
    const bodies = [
      ...HOSTILE_GENERATIONS.map((generation) => JSON.stringify({ kind: "rollback", args: { generation } })),
      JSON.stringify({ kind: "bench-seq", args: { count: 5 } }),
      JSON.stringify({ kind: "reboot", args: {} }),
      JSON.stringify({ kind: ["deploy"], args: {} }),
      JSON.stringify({ kind: 1 }),
      JSON.stringify({ kind: "generations", args: [] }),
      JSON.stringify({ kind: "generations", args: "$(id)" }),
      JSON.stringify({ kind: "generations", args: {}, command: "reboot" }),
      JSON.stringify({ kind: "generations", args: { x: BIG } }),
      JSON.stringify({ kind: "deploy", args: { flakeDir: "/tmp; reboot" } }),
      JSON.stringify({ kind: BIG }),
      JSON.stringify({ kind: "generations", pad: "x".repeat(20_000) }),
      "kind=deploy",
      "",
      "null",
      "[]",
      '{"kind":"generations","__proto__":{"args":{}}}',
    ];
    for (const body of bodies) refusals.push(await post("frame1", body));
    for (const name of ["frame1; reboot", "$(id)", "..", "-oProxyCommand=x", BIG])
      refusals.push(await post(name, JSON.stringify({ kind: "generations", args: {} })));
    for (const name of hostileMachines) refusals.push(await post(name, JSON.stringify({ kind: "deploy", args: {} })));

    await settle();
    const after = await adminLogins();
    expect(
      refusals.filter((m) => m.trim() === ""),
      "every refusal has a message",
    ).toEqual([]);
    expect(after, `logins on frame1 during hostile input (refusals:\n${[...new Set(refusals)].slice(0, 60).join("\n")})`).toBe(before);
  });

  it("the counter counts: one legitimate job logs in", async () => {
    const before = await adminLogins();
    pool.closeAll(); // make sure the job opens a fresh connection
    const { id } = await runner.enqueue({ machine: "frame1", kind: "generations", args: {}, requestedById: null });
    await runner.idle();
    const job = await loadJob(tdb.client(), id);
    expect(job.status, job.message).toBe("succeeded");
    await lab.waitFor("the login to be journaled", async () => ((await adminLogins()) > before ? true : null), 10_000);
  });
});
