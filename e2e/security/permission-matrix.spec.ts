import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { can, type Principal } from "@/lib/auth/permissions";
import { startServer, type RunningServer } from "../fixtures/server";
import { loginContext, roleContexts, type RoleName } from "../fixtures/roles";
import { ADMIN } from "../fixtures/server-env";
import { ACTIONS, ROUTES, SOCKET_EVENTS } from "./routes";

const PORT = 3220;
let server: RunningServer;
let as: Record<RoleName, APIRequestContext>;

const principal = (role: RoleName): Principal => (role === "anonymous" ? null : { id: 0, name: role, role });
const ROLES: RoleName[] = ["anonymous", "viewer", "operator", "admin"];

function routeFiles(dir = "app"): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return routeFiles(path);
    return /^(page\.tsx|route\.ts)$/.test(entry) ? [path] : [];
  });
}

test.beforeAll(async ({ browser }) => {
  server = await startServer(PORT, "test-results/e2e-matrix-db/panel.db");
  as = await roleContexts(browser, server.url);
});
test.afterAll(async () => {
  await server?.stop();
});

test("every page and route handler in app/ is in the permission list", () => {
  const listed = new Set(ROUTES.map((r) => r.file));
  const unlisted = routeFiles().filter((f) => !listed.has(f));
  expect(unlisted, "add these to e2e/security/routes.ts with the permission they check").toEqual([]);
});

test("every route refuses whom it must and serves whom it may", async () => {
  for (const route of ROUTES) {
    for (const role of ROLES) {
      // logout-all ends the caller's sessions: use a fresh login for it.
      const ctx =
        route.path === "/api/auth/logout-all" && role !== "anonymous"
          ? await loginContext(
              server.url,
              role === "admin" ? ADMIN.name : role === "viewer" ? "vera" : "otto",
              role === "admin" ? ADMIN.password : `${role}-password-1`,
            )
          : as[role];
      const res =
        route.method === "GET"
          ? await ctx.get(route.path, { maxRedirects: 0 })
          : await ctx.post(route.path, { data: route.body ?? {}, maxRedirects: 0 });
      const what = `${role} ${route.method} ${route.path} -> ${res.status()}`;
      if (route.needs === "public") {
        // Public, but still guarded: wrong credentials (401), then throttling (429); setup done (409).
        expect([200, 307, 401, 409, 429], what).toContain(res.status());
        if (res.status() === 401) expect((await res.json()).error.code, what).toBe("invalid_credentials");
        if (res.status() === 429) expect(route.path, what).toBe("/api/auth/login");
        continue;
      }
      const isPage = route.file.endsWith("page.tsx");
      if (can(principal(role), route.needs)) {
        expect(res.status(), what).toBe(route.allowedStatus ?? 200);
      } else if (role === "anonymous") {
        if (isPage) {
          expect(res.status(), what).toBe(307);
          expect(res.headers().location, what).toMatch(/^\/login\?next=/);
        } else {
          expect(res.status(), what).toBe(401);
          expect((await res.json()).error.code).toBe("unauthorized");
        }
      } else {
        expect(res.status(), what).toBe(403);
      }
    }
  }
});

test("every server action is listed and refuses callers without its permission (audited)", async () => {
  const manifest = JSON.parse(readFileSync(".next/server/server-reference-manifest.json", "utf8")).node as Record<
    string,
    { filename: string; exportedName: string; workers: Record<string, unknown> }
  >;
  const found = Object.entries(manifest).map(([id, m]) => ({ id, ...m }));
  const key = (a: { filename?: string; file?: string; exportedName?: string; name?: string }) =>
    `${a.filename ?? a.file}#${a.exportedName ?? a.name}`;
  expect(found.map(key).sort(), "add new server actions to ACTIONS in e2e/security/routes.ts").toEqual(ACTIONS.map(key).sort());

  // The route test's logout-all ended every earlier session: log in again.
  as = {
    anonymous: as.anonymous,
    viewer: await loginContext(server.url, "vera", "viewer-password-1"),
    operator: await loginContext(server.url, "otto", "operator-password-1"),
    admin: await loginContext(server.url, ADMIN.name, ADMIN.password),
  };
  // Refusals from one caller are folded into one row per minute with a count: add the counts up.
  const denied = async () =>
    ((await (await as.admin.get("/api/audit?outcome=denied&limit=500")).json()).events as { count: number }[]).reduce(
      (n, e) => n + e.count,
      0,
    );
  for (const action of found) {
    const spec = ACTIONS.find((a) => key(a) === key(action))!;
    const worker =
      Object.keys(action.workers)[0]
        .replace(/^app/, "")
        .replace(/\/page$/, "") || "/";
    const path = ROUTES.find((r) => r.file === `app${worker === "/" ? "" : worker}/page.tsx`)?.path ?? "/";
    for (const role of ROLES) {
      if (can(principal(role), spec.needs)) continue;
      const before = await denied();
      const res = await as[role].post(path, {
        headers: { "next-action": action.id, "content-type": "text/plain;charset=UTF-8", accept: "text/x-component" },
        data: "[]",
        maxRedirects: 0,
      });
      expect(res.status(), `${role} ${key(action)}`).toBeLessThan(500);
      expect(await denied(), `${role} calling ${key(action)} must be refused and audited`).toBe(before + 1);
    }
  }
});

type Answer = { ok: boolean; error?: { code: string } } | { first: string };

/** Sends one event the way a client does; the ack's answer, or (no payload) the first event back. */
async function send(url: string, cookie: string | null, event: string, payload: unknown): Promise<Answer> {
  const { io } = await import("socket.io-client");
  const s = io(url, {
    transports: ["websocket"],
    extraHeaders: { origin: url, ...(cookie ? { cookie } : {}) },
    reconnection: false,
    forceNew: true,
  });
  try {
    return await new Promise<Answer>((ok, fail) => {
      s.on("connect_error", fail);
      if (payload === undefined) s.onAny((name: string) => ok({ first: name }));
      s.on("connect", () => (payload === undefined ? s.emit(event) : s.emit(event, payload, (r: Answer) => ok(r))));
    });
  } finally {
    s.close();
  }
}

test("the socket.io event list matches the server's KNOWN_EVENTS", () => {
  const known = /KNOWN_EVENTS[^=]*=\s*\[([^\]]*)\]/.exec(readFileSync("server.ts", "utf8"))?.[1] ?? "";
  const names = [...known.matchAll(/"([^"]+)"/g)].map((m) => m[1]).sort();
  expect(names).toEqual(SOCKET_EVENTS.map((e) => e.event).sort());
});

test("socket events are refused to those without the permission", async () => {
  const { io } = await import("socket.io-client");
  // Anonymous: the handshake itself is refused (ANONYMOUS_DASHBOARD is off).
  const anon = io(server.url, { transports: ["websocket"], extraHeaders: { origin: server.url }, reconnection: false });
  const err = await new Promise<Error>((ok) => anon.on("connect_error", ok));
  expect(err.message).toBe("unauthorized");
  anon.close();
  const cookie = (await as.viewer.storageState()).cookies.map((c) => `${c.name}=${c.value}`).join("; ");
  for (const { event, needs, payload } of SOCKET_EVENTS) {
    expect(can(principal("viewer"), needs)).toBe(true); // every current event is readable by viewers
    const got = await send(server.url, cookie, event, payload);
    expect(got, `viewer ${event}`).toEqual(payload === undefined ? { first: "health:snapshot" } : expect.objectContaining({ ok: true }));
  }
});

test("with an anonymous dashboard, an anonymous socket gets only what the dashboard shows", async () => {
  const open = await startServer(PORT + 1, "test-results/e2e-matrix-anon-db/panel.db", { env: { ANONYMOUS_DASHBOARD: "1" } });
  try {
    for (const { event, needs, payload } of SOCKET_EVENTS) {
      const got = await send(open.url, null, event, payload);
      const may = can(null, needs, { anonymousDashboard: true });
      if (payload === undefined) expect(got, `anonymous ${event}`).toEqual({ first: may ? "health:snapshot" : "app:error" });
      else expect(got, `anonymous ${event}`).toMatchObject(may ? { ok: true } : { ok: false, error: { code: "unauthorized" } });
    }
  } finally {
    await open.stop();
  }
});
