import { statSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { expect, test } from "@playwright/test";
import { apiLogin } from "../fixtures/auth";
import { ADMIN } from "../fixtures/server-env";
import { startServer, type RunningServer } from "../fixtures/server";
import { actionHeaders, actionTargets } from "./action-targets";
import { closeAgents, rssOf, send, streamBody } from "./raw-http";
import { ROUTES } from "./routes";

// Outsiders on the network, with real sockets against the production server: login races and
// lockout abuse, malformed cookies, huge bodies. Source addresses are separate loopback addresses
// (127.0.0.x): the panel sees each as its own client, as it would see hosts on a LAN.
const PORT = 3344;
const DB = "test-results/e2e-hostile-clients-db/panel.db";
const LIMIT = 5; // LOGIN_MAX_FAILURES (default)
let server: RunningServer;

test.beforeAll(async () => {
  server = await startServer(PORT, DB);
});
test.afterAll(async () => {
  closeAgents();
  await server?.stop();
});

const json = (base: string) => ({ origin: base, "content-type": "application/json" });
const loginFrom = (localAddress: string, password: string, extra: Record<string, string> = {}) =>
  send(server.url, {
    method: "POST",
    path: "/api/auth/login",
    localAddress,
    headers: { ...json(server.url), ...extra },
    body: JSON.stringify({ name: ADMIN.name, password }),
  });
const adminAudit = async (cookie: string, query: string) =>
  JSON.parse((await send(server.url, { path: `/api/audit?${query}`, headers: { cookie } })).text).events as {
    count: number;
    target: string;
    actor: string;
    userId: number | null;
  }[];
/** RSS once it has stopped moving (two samples 500 ms apart within 1 MiB): a condition, not a fixed wait. */
async function settledRss(pid: number): Promise<number> {
  let last = await rssOf(pid);
  for (let i = 0; i < 40; i++) {
    await new Promise((ok) => setTimeout(ok, 500));
    const now = await rssOf(pid);
    if (Math.abs(now - last) < 2 ** 20) return now;
    last = now;
  }
  return last;
}
const cookiesOf = (res: { headers: { "set-cookie"?: string[] } }) =>
  (res.headers["set-cookie"] ?? []).map((c) => c.split(";")[0]).join("; ");

test("50 parallel wrong passwords: at most the limit get a verdict on the password, the rest 429", async () => {
  const results = await Promise.all(Array.from({ length: 50 }, () => loginFrom("127.0.0.20", "wrong-password-123")));
  const statuses = results.map((r) => r.status);
  const checked = statuses.filter((s) => s === 401).length;
  const throttled = statuses.filter((s) => s === 429).length;
  console.log(`50 parallel wrong passwords: ${checked} x 401 (password checked), ${throttled} x 429`);
  expect(checked + throttled).toBe(50);
  expect(checked).toBeGreaterThanOrEqual(1);
  expect(checked).toBeLessThanOrEqual(LIMIT);
  for (const r of results.filter((x) => x.status === 429)) expect(Number(r.headers["retry-after"])).toBeGreaterThan(0);
});

test("the owner logs in while an attacker keeps failing from another address; lockouts are audited", async () => {
  test.setTimeout(180_000);
  // The attacker: wrong passwords for admin from three addresses, honouring the short back-offs
  // the server asks for, until each address is locked out (a Retry-After of minutes).
  let failures = 0;
  let attempts = 0;
  let ownerDone = false;
  const attack = async (localAddress: string) => {
    let lockedFor = 0;
    // Until the owner is done and this address is locked out (bounded: a test must stop by itself).
    for (let i = 0; i < 5000 && !(ownerDone && lockedFor); i++) {
      attempts += 1;
      const r = await loginFrom(localAddress, `guess-${i}-password`);
      expect([401, 429]).toContain(r.status);
      if (r.status === 401) failures += 1;
      const wait = Number(r.headers["retry-after"] ?? 0);
      if (r.status === 429 && wait > 60) lockedFor = wait;
      else if (r.status === 429) await new Promise((ok) => setTimeout(ok, wait * 1000));
    }
    if (!lockedFor) throw new Error(`${localAddress} was never locked out`);
    return lockedFor;
  };
  const attacking = Promise.all(["127.0.0.30", "127.0.0.31", "127.0.0.32"].map(attack));
  // The owner, while that goes on (once the attack is failing): the right password from an
  // address that has not failed.
  await expect.poll(() => failures, { timeout: 30_000 }).toBeGreaterThanOrEqual(2);
  const during = attempts;
  const owner = await loginFrom("127.0.0.40", ADMIN.password);
  ownerDone = true;
  expect(owner.status, owner.text).toBe(200);
  const lockedFor = await attacking;
  // After the attack the attacker's addresses are locked out, even with the right password...
  const attacker = await loginFrom("127.0.0.30", ADMIN.password);
  expect(attacker.status).toBe(429);
  // ...yet the owner still logs in from a fresh address, and from the attacker's own address with
  // the device cookie of an earlier login (a household behind one NAT address).
  expect((await loginFrom("127.0.0.41", ADMIN.password)).status).toBe(200);
  const device = cookiesOf(owner)
    .split("; ")
    .find((c) => c.startsWith("panel_device="))!;
  expect(device).toBeTruthy();
  const known = await loginFrom("127.0.0.30", ADMIN.password, { cookie: device });
  expect(known.status, known.text).toBe(200);
  // A forged device cookie is not one.
  expect((await loginFrom("127.0.0.30", ADMIN.password, { cookie: `${device.slice(0, -4)}AAAA` })).status).toBe(429);
  console.log(
    `attack: ${attempts} attempts (${failures} wrong passwords checked, the owner's login came after attempt ${during}), locked out for ${lockedFor.join("/")} s; the owner logged in during and after`,
  );

  const cookie = cookiesOf(known);
  const lockouts = await adminAudit(cookie, "action=login.lockout&scope=anonymous");
  // The user's lockout (for addresses that failed) is what stopped the attack: audited once.
  expect(lockouts.map((e) => e.target)).toContain("user admin");
  const failed = await adminAudit(cookie, "action=login&outcome=failed&scope=anonymous&limit=500");
  expect(failed.every((e) => e.actor === "anonymous" && e.userId === null && e.target === "admin")).toBe(true);
});

test("malformed cookies get an answer at once on pages, API routes and the socket.io handshake", async () => {
  // "At once": each answer must arrive within 5 s. The bound is generous on purpose (a busy 2-core CI
  // machine); before the fix these requests never got an answer at all, so any bound tells them apart.
  const BOUND_MS = 5000;
  const bad = "panel_session=%E0%A4%A";
  const cookies: Record<string, string> = {
    "bad percent-encoding": bad,
    "100 KB cookie": `panel_session=${"a".repeat(100 * 1024)}`,
    "500 cookies": [...Array.from({ length: 499 }, (_, i) => `c${i}=v${i}`), bad].join("; "),
    "bad device cookie": `panel_device=%E0%A4%A; ${bad}`,
  };
  const login = JSON.stringify({ name: "nobody", password: "nope-nope-nope" });
  const requests = [
    { method: "GET", path: "/", expect: 307 },
    { method: "GET", path: "/login", expect: 200 },
    { method: "GET", path: "/inventory", expect: 307 },
    { method: "GET", path: "/audit", expect: 307 },
    { method: "GET", path: "/api/audit", expect: 401 },
    { method: "GET", path: "/api/jobs?machine=frame1", expect: 401 },
    { method: "GET", path: "/api/health", expect: 200 },
    { method: "POST", path: "/api/auth/logout", body: "{}", expect: 200 },
    { method: "POST", path: "/api/auth/login", body: login, expect: 401 },
  ];
  for (const [i, [what, cookie]] of Object.entries(cookies).entries()) {
    for (const r of requests) {
      const res = await send(server.url, {
        ...r,
        localAddress: `127.0.0.${50 + i}`,
        headers: { ...json(server.url), cookie },
        timeoutMs: BOUND_MS,
        agent: false,
      });
      const label = `${what}: ${r.method} ${r.path} -> ${res.status} in ${Math.round(res.ms)} ms`;
      // A malformed cookie is no session: pages send to /login, API routes answer 401.
      expect(res.status, label).toBe(what === "100 KB cookie" ? 431 : r.expect);
    }
    for (const transport of ["websocket", "polling"] as const) {
      const { io } = await import("socket.io-client");
      const s = io(server.url, {
        transports: [transport],
        extraHeaders: { origin: server.url, cookie },
        reconnection: false,
        forceNew: true,
        timeout: BOUND_MS,
      });
      const outcome = await new Promise<string>((ok) => {
        s.on("connect", () => ok("connected"));
        s.on("connect_error", (e) => ok(`connect_error: ${e.message}`));
      });
      s.close();
      expect(outcome, `${what} over ${transport}`).toMatch(/^connect_error/);
      expect(outcome, `${what} over ${transport}`).not.toContain("timeout");
    }
  }
});

test("a 200 MB body on every mutating route and server action gets 413 while it streams; RSS stays flat", async () => {
  test.setTimeout(300_000);
  const TOTAL = 200 * 1024 * 1024;
  const targets = [
    ...ROUTES.filter((r) => r.method === "POST").map((r) => ({ label: `POST ${r.path}`, path: r.path, headers: json(server.url) })),
    ...actionTargets().map((a) => ({ label: `action ${a.name} on ${a.path}`, path: a.path, headers: actionHeaders(server.url, a.id) })),
  ];
  // Warm-up: the same requests with 3 MiB bodies (over every limit) and small valid ones, so that
  // what follows measures the size of the bodies, not code loaded or heaps grown on first use.
  for (const t of targets) {
    await send(server.url, { method: "POST", path: t.path, headers: t.headers, body: "[]", localAddress: "127.0.0.60" });
    expect((await streamBody(server.url, { path: t.path, headers: t.headers, totalBytes: 3 * 2 ** 20 })).status).toBe(413);
  }
  const before = await settledRss(server.pid);
  let peak = before;
  const sampler = setInterval(
    () =>
      void rssOf(server.pid).then(
        (r) => (peak = Math.max(peak, r)),
        () => {},
      ),
    50,
  );
  const one = async (t: (typeof targets)[number]) => {
    const r = await streamBody(server.url, { path: t.path, headers: t.headers, totalBytes: TOTAL });
    expect(r.status, `${t.label}: ${r.text}`).toBe(413);
    expect(JSON.parse(r.text).error.code).toBe("too_large");
    expect(r.written, `${t.label}: answered before the body was sent`).toBeLessThan(TOTAL);
    return r.written;
  };
  const written: number[] = [];
  for (const t of targets) written.push(await one(t));
  // Eight at once, as in the report that found the leak.
  written.push(...(await Promise.all(targets.slice(0, 8).map(one))));
  clearInterval(sampler);
  peak = Math.max(peak, await rssOf(server.pid));
  const growth = peak - before;
  console.log(
    `${written.length} streamed 200 MB bodies, 413 after at most ${(Math.max(...written) / 2 ** 20).toFixed(1)} MiB sent; RSS ${(before / 2 ** 20).toFixed(0)} MiB -> peak ${(peak / 2 ** 20).toFixed(0)} MiB (+${(growth / 2 ** 20).toFixed(1)} MiB)`,
  );
  expect(growth).toBeLessThan(20 * 1024 * 1024);
  // The server is still fine.
  expect((await send(server.url, { path: "/api/health" })).status).toBe(200);
});

test("a failed login shows in /audit as anonymous, apart from users, with the tried name escaped", async ({ page }) => {
  const spoof = "\u202Enimda"; // renders as "admin" unless escaped
  expect(
    (
      await send(server.url, {
        method: "POST",
        path: "/api/auth/login",
        localAddress: "127.0.0.90",
        headers: json(server.url),
        body: JSON.stringify({ name: spoof, password: "whatever-it-is" }),
      })
    ).status,
  ).toBe(401);
  await apiLogin(page.request, server.url);
  await page.goto(`${server.url}/audit?scope=anonymous&action=login`);
  const row = page.getByTestId("audit-row").filter({ hasText: "127.0.0.90" }).first();
  await expect(row.getByTestId("audit-who")).toHaveText("anonymous");
  await expect(row.getByTestId("audit-target")).toHaveText("[U+202E]nimda");
  await page.getByRole("link", { name: "What users did" }).click();
  await expect(page.getByTestId("audit-table")).not.toContainText("127.0.0.90");
  await expect(page.getByTestId("audit-table")).not.toContainText("nimda");
});

test("the database, its -wal/-shm files and its folder are private to the panel's user", () => {
  const file = resolve(DB);
  const mode = (p: string) => (statSync(p).mode & 0o777).toString(8);
  expect(mode(dirname(file))).toBe("700");
  for (const f of [file, `${file}-wal`, `${file}-shm`]) expect(mode(f), f).toBe("600");
});
