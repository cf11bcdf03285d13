import Database from "better-sqlite3";
import { expect, test } from "@playwright/test";
import { roleContexts } from "../fixtures/roles";
import { startServer, type RunningServer } from "../fixtures/server";
import { actionHeaders, actionTargets } from "./action-targets";
import { actionBody, jsonBody, mpaBody, pick, rng, segment, type FuzzBody, type Rng } from "./fuzz-values";
import { closeAgents, send, type RawRequest } from "./raw-http";
import { ROUTES, type RouteSpec } from "./routes";

// A fuzzer over every route and server action (the lists in routes.ts and the build's manifest):
// 10,000 requests with wrong types, huge and odd strings, bad JSON and wrong content types, from
// an anonymous client and a logged-in viewer. No 5xx, no hang, and no row of any table changes
// (the audit log aside: refusals are audited, and its growth is bounded by the second test).
const PORT = 3345;
const DB = "test-results/e2e-fuzz-db/panel.db";
const SEED = 1313;
let server: RunningServer;
let viewerCookie = "";

test.beforeAll(async ({ browser }) => {
  server = await startServer(PORT, DB);
  const as = await roleContexts(browser, server.url);
  viewerCookie = (await as.viewer.storageState()).cookies.map((c) => `${c.name}=${c.value}`).join("; ");
});
test.afterAll(async () => {
  closeAgents();
  await server?.stop();
});

function rowCounts(): Record<string, number> {
  const db = new Database(DB, { readonly: true, fileMustExist: true });
  try {
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '\\_%' ESCAPE '\\' AND name NOT LIKE 'sqlite%'")
      .all() as { name: string }[];
    return Object.fromEntries(
      tables.map(({ name }) => [name, (db.prepare(`SELECT COUNT(*) AS n FROM "${name}"`).get() as { n: number }).n]),
    );
  } finally {
    db.close();
  }
}

/** The route's path with its dynamic segments (the [x] of its file) sometimes replaced. */
function fuzzPath(r: Rng, route: RouteSpec): string {
  const [path, query] = route.path.split("?");
  const dynamic = route.file
    .replace(/^app/, "")
    .replace(/\/(page\.tsx|route\.ts)$/, "")
    .split("/");
  const parts = path.split("/").map((p, i) => (/^\[.+\]$/.test(dynamic[i] ?? "") && r() < 0.6 ? segment(r) : p));
  const q = r() < 0.5 ? `${pick(r, ["after", "machine", "before", "limit", "kind", "next", "actor", "x"])}=${segment(r)}` : query;
  return parts.join("/") + (q ? `?${q}` : "");
}

function withBody(req: RawRequest, b: FuzzBody): RawRequest {
  return { ...req, body: b.body, headers: { ...req.headers, ...(b.contentType ? { "content-type": b.contentType } : {}) } };
}

test("10,000 fuzzed requests over every route and server action: no 5xx, no rows changed", async () => {
  test.setTimeout(900_000);
  const r = rng(SEED);
  const actions = actionTargets();
  const targets = [...ROUTES.map((route) => ({ route })), ...actions.map((action) => ({ action }))];
  const before = rowCounts();
  const statuses = new Map<number, number>();
  const failures: string[] = [];
  let next = 0;
  const TOTAL = 10_000;

  const build = (i: number): RawRequest => {
    const t = targets[i % targets.length];
    const logout = "route" in t && /logout/.test(t.route.path);
    const cookie = !logout && r() < 0.4 ? viewerCookie : undefined;
    const base: Record<string, string> = { ...(r() < 0.95 ? { origin: server.url } : {}), ...(cookie ? { cookie } : {}) };
    if ("route" in t) {
      const req: RawRequest = { method: t.route.method, path: fuzzPath(r, t.route), headers: base };
      return t.route.method === "POST" ? withBody(req, jsonBody(r)) : req;
    }
    if (r() < 0.1) return withBody({ method: "POST", path: t.action.path, headers: base }, mpaBody(r, t.action.id));
    const id = r() < 0.1 ? pick(r, [pick(r, actions).id, "0".repeat(42), "zz", t.action.id.slice(0, -1)]) : t.action.id;
    return withBody({ method: "POST", path: t.action.path, headers: { ...actionHeaders(server.url, id), ...base } }, actionBody(r));
  };

  const worker = async () => {
    for (let i = next++; i < TOTAL; i = next++) {
      const req = build(i);
      try {
        const res = await send(server.url, { ...req, localAddress: "127.0.0.70", timeoutMs: 30_000 });
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        if (res.status >= 500)
          failures.push(
            `#${i} ${req.method} ${req.path.slice(0, 120)} ${JSON.stringify(req.headers?.["content-type"] ?? "")} -> ${res.status} ${res.text.slice(0, 200)}`,
          );
      } catch (err) {
        failures.push(`#${i} ${req.method} ${req.path.slice(0, 120)}: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
  };
  const started = Date.now();
  await Promise.all(Array.from({ length: 8 }, worker));
  console.log(
    `fuzz (seed ${SEED}): ${TOTAL} requests over ${targets.length} routes and actions in ${((Date.now() - started) / 1000).toFixed(0)} s; statuses ${JSON.stringify(Object.fromEntries([...statuses].sort()))}`,
  );
  expect(failures, failures.slice(0, 20).join("\n")).toEqual([]);
  const after = rowCounts();
  // The audit log, the health history and notifications (written by the health monitor's rounds,
  // e.g. the unreachable frame1 reported down, not by requests) grow on their own.
  for (const table of ["AuditEvent", "HealthSample", "HealthBucket", "HealthIncident", "NotifyEvent", "NotifyDelivery"]) {
    delete before[table];
    delete after[table];
  }
  expect(after).toEqual(before);
  expect((await send(server.url, { path: "/api/health" })).status).toBe(200);
});

test("10,000 refused anonymous requests add a bounded number of audit rows, and every refusal is counted", async () => {
  test.setTimeout(600_000);
  const actions = actionTargets();
  const refused: RawRequest[] = [
    { method: "GET", path: "/api/audit" },
    { method: "GET", path: "/api/jobs?machine=frame1" },
    { method: "POST", path: "/api/jobs/1/cancel", body: "{}" },
    { method: "POST", path: "/api/machines/frame1/jobs", body: JSON.stringify({ kind: "generations", args: {} }) },
    ...actions.slice(0, 6).map((a) => ({ method: "POST", path: a.path, headers: actionHeaders(server.url, a.id), body: "[]" })),
  ];
  const audit = () => {
    const db = new Database(DB, { readonly: true, fileMustExist: true });
    try {
      return db.prepare("SELECT COUNT(*) AS rows, COALESCE(SUM(count), 0) AS events FROM AuditEvent").get() as {
        rows: number;
        events: number;
      };
    } finally {
      db.close();
    }
  };
  const before = audit();
  const started = Date.now();
  const TOTAL = 10_000;
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < TOTAL; i = next++) {
      const req = refused[i % refused.length];
      const res = await send(server.url, {
        ...req,
        headers: { origin: server.url, "content-type": "application/json", ...req.headers },
        localAddress: "127.0.0.80",
      });
      // Route handlers answer 401; a server action answers its form state ("Log in first.") with 200.
      expect(res.status, `${req.method} ${req.path}`).toBe(req.headers?.["next-action"] ? 200 : 401);
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  const minutes = Math.floor(Date.now() / 60_000) - Math.floor(started / 60_000) + 1;
  const after = audit();
  const added = after.rows - before.rows;
  const bound = refused.length * minutes;
  console.log(
    `${TOTAL} refused anonymous requests in ${minutes} clock minute(s): ${added} audit rows added (bound ${bound}), ${after.events - before.events} events counted`,
  );
  expect(added).toBeGreaterThan(0);
  expect(added).toBeLessThanOrEqual(bound);
  expect(after.events - before.events).toBe(TOTAL);
});
