import { expect, request, test } from "@playwright/test";
import { startServer, type RunningServer } from "../fixtures/server";
import { ADMIN } from "../fixtures/server-env";
import { addUser, uiLogin } from "../fixtures/auth";
import { totpCode } from "@/lib/auth/totp";

// Own server: sessions go idle after 3 s; 3 failures lock a user or address out for 60 s.
const PORT = 3221;
let server: RunningServer;
const base = () => server.url;

test.beforeAll(async () => {
  server = await startServer(PORT, "test-results/e2e-sessions-db/panel.db", {
    env: { SESSION_IDLE_SECONDS: "3", LOGIN_MAX_FAILURES: "3", LOGIN_LOCKOUT_SECONDS: "60" },
  });
});
test.afterAll(async () => {
  await server?.stop();
});

async function login(name = ADMIN.name, password = ADMIN.password) {
  const ctx = await request.newContext({ baseURL: base(), extraHTTPHeaders: { origin: base() } });
  const res = await ctx.post("/api/auth/login", { data: { name, password } });
  return { ctx, res };
}

const cookieOf = async (ctx: Awaited<ReturnType<typeof login>>["ctx"]) =>
  (await ctx.storageState()).cookies.find((c) => c.name === "panel_session")!;

test("the session cookie is httpOnly and SameSite=Lax; a logged-out cookie no longer works", async () => {
  const { ctx, res } = await login();
  expect(res.status()).toBe(200);
  const cookie = await cookieOf(ctx);
  expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Lax", secure: false });
  expect((await ctx.get("/", { maxRedirects: 0 })).status()).toBe(200);

  await ctx.post("/api/auth/logout", { data: {} });
  const replay = await request.newContext({ baseURL: base(), extraHTTPHeaders: { cookie: `panel_session=${cookie.value}` } });
  const after = await replay.get("/", { maxRedirects: 0 });
  expect(after.status()).toBe(307);
  expect(after.headers().location).toMatch(/^\/login/);
});

test("log out everywhere ends the other sessions of the user", async () => {
  const a = await login();
  const b = await login();
  expect((await b.ctx.get("/", { maxRedirects: 0 })).status()).toBe(200);
  expect((await a.ctx.post("/api/auth/logout-all", { data: {} })).status()).toBe(200);
  expect((await b.ctx.get("/", { maxRedirects: 0 })).status()).toBe(307);
});

test("an idle session expires", async () => {
  const { ctx } = await login();
  expect((await ctx.get("/", { maxRedirects: 0 })).status()).toBe(200);
  // Waiting out the configured idle time is the behaviour under test (3 s), not a timing assertion.
  await new Promise((r) => setTimeout(r, 4000));
  expect((await ctx.get("/", { maxRedirects: 0 })).status()).toBe(307);
});

test("activity keeps a session alive past the idle limit", async () => {
  const { ctx } = await login();
  for (let i = 0; i < 5; i++) {
    await new Promise((r) => setTimeout(r, 1000));
    expect((await ctx.get("/api/audit?limit=1", { maxRedirects: 0 })).status()).toBe(200);
  }
});

test("a user turns on TOTP; login then needs the current code", async ({ page }) => {
  await uiLogin(page, base());
  await addUser(page, base(), "tom", "operator", "tom-password-123");
  await page.context().clearCookies();
  await uiLogin(page, base(), "tom", "tom-password-123");
  await page.goto(`${base()}/account`);
  await page.getByRole("button", { name: "Set up two-factor login" }).click();
  const secret = (await page.getByTestId("totp-secret").textContent())!.trim();
  await page.getByLabel("Code from the app").fill(totpCode(secret));
  await page.getByRole("button", { name: "Turn on" }).click();
  await expect(page.getByTestId("action-message")).toHaveText("Two-factor login is on.");

  const withoutCode = (await login("tom", "tom-password-123")).res;
  expect(withoutCode.status()).toBe(401);
  expect((await withoutCode.json()).error.code).toBe("totp_required");
  await page.context().clearCookies();
  await page.goto(`${base()}/login`);
  await page.getByLabel("User name").fill("tom");
  await page.getByLabel("Password").fill("tom-password-123");
  await page.getByRole("button", { name: "Log in" }).click();
  await page.getByLabel("Authenticator code").fill(totpCode(secret));
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByTestId("user-menu")).toContainText("tom");
});

test("failed logins are throttled, then the user is locked out, and it is audited", async () => {
  const { ctx: admin } = await login();
  // Each attempt also keeps the admin's own session from going idle (3 s here).
  const attempt = async (password: string) => {
    await admin.get("/api/audit?limit=1");
    return (await login("admin", password)).res;
  };
  expect((await attempt("wrong-password-1")).status()).toBe(401);
  const throttled = await attempt("wrong-password-2");
  expect(throttled.status()).toBe(429);
  expect(Number(throttled.headers()["retry-after"])).toBeGreaterThanOrEqual(1);
  // Once the wait is over, a second and a third failure: the third locks the user out.
  await expect.poll(async () => (await attempt("wrong-password-3")).status(), { timeout: 10_000 }).toBe(401);
  await expect.poll(async () => (await attempt("wrong-password-4")).status(), { timeout: 10_000 }).toBe(401);
  const locked = await attempt(ADMIN.password);
  expect(Number(locked.headers()["retry-after"])).toBeGreaterThan(30);
  expect((await locked.json()).error.code).toBe("rate_limited");
  const audit = (await (await admin.get("/api/audit?action=login")).json()).events as {
    action: string;
    outcome: string;
    detail: string;
    count: number;
  }[];
  expect(audit.some((e) => e.action === "login.lockout" && e.outcome === "denied")).toBe(true);
  // Failures from one address within a minute are one row with a count.
  expect(audit.filter((e) => e.action === "login" && e.outcome === "failed").reduce((n, e) => n + e.count, 0)).toBeGreaterThanOrEqual(3);
});
