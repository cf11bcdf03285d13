import { expect, test } from "@playwright/test";
import { startServer, type RunningServer } from "../fixtures/server";

// A panel with no user yet, behind a "proxy" on loopback (TRUSTED_PROXIES), with Tailscale
// identity and the anonymous dashboard switched on.
const PORT = 3223;
let server: RunningServer;

test.beforeAll(async () => {
  server = await startServer(PORT, "test-results/e2e-setup-db/panel.db", {
    env: { INITIAL_ADMIN_PASSWORD_FILE: "", TRUSTED_PROXIES: "127.0.0.1", TAILSCALE_IDENTITY: "1", ANONYMOUS_DASHBOARD: "1" },
  });
});
test.afterAll(async () => {
  await server?.stop();
});

test("first start: no default password; setup only from loopback or with the logged token", async ({ browser }) => {
  const base = server.url;
  expect(server.output()).toContain("no user exists yet");
  const token = /\/setup\?token=([\w-]+)/.exec(server.output())![1];

  // Through the proxy (a forwarded client), without the token: refused, also by the API.
  const remote = await browser.newContext({
    storageState: { cookies: [], origins: [] },
    extraHTTPHeaders: { "x-forwarded-for": "203.0.113.9" },
  });
  const page = await remote.newPage();
  await page.goto(`${base}/setup`);
  await expect(page.getByText("Setup is only possible from the machine")).toBeVisible();
  const api = await remote.request.post(`${base}/api/auth/setup`, {
    data: { name: "eve", password: "eve-password-123" },
    headers: { origin: base },
  });
  expect(api.status()).toBe(403);

  // With the token from the log it works; afterwards setup is closed for good.
  await page.goto(`${base}/setup?token=${token}`);
  await page.getByLabel("Admin user name").fill("root-admin");
  await page.getByLabel("Password", { exact: true }).fill("a-good-admin-password");
  await page.getByLabel("Password again").fill("a-good-admin-password");
  await page.getByRole("button", { name: "Create admin and log in" }).click();
  await expect(page.getByTestId("user-menu")).toContainText("root-admin");
  const again = await remote.request.post(`${base}/api/auth/setup`, {
    data: { name: "eve", password: "eve-password-123", token },
    headers: { origin: base },
  });
  expect(again.status()).toBe(409);

  // The admin maps a Tailscale login to a viewer.
  await page.goto(`${base}/users`);
  await page.getByLabel("Role", { exact: true }).selectOption("viewer");
  await page.getByLabel("User name").fill("tina");
  await page.getByLabel("Password (12+ characters)").fill("tina-password-123");
  await page.getByLabel("Tailscale login (optional)").fill("tina@example.com");
  await page.getByRole("button", { name: "Add user" }).click();
  await expect(page.getByTestId("user-row").filter({ hasText: "tina@example.com" })).toBeVisible();
  await remote.close();
});

test("a Tailscale identity forwarded by the trusted proxy logs the mapped user in", async ({ browser }) => {
  const viaProxy = await browser.newContext({
    storageState: { cookies: [], origins: [] },
    extraHTTPHeaders: { "x-forwarded-for": "100.64.0.9", "tailscale-user-login": "tina@example.com" },
  });
  const page = await viaProxy.newPage();
  await page.goto(`${server.url}/inventory`);
  await expect(page.getByTestId("user-menu")).toContainText("tina");
  await viaProxy.close();
});

test("anonymous visitors see tiles and health only", async ({ browser }) => {
  const anon = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const page = await anon.newPage();
  await page.goto(server.url);
  await expect(page.getByTestId("service-tile")).toHaveCount(8);
  await expect(page.getByTestId("machine-card")).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Inventory" })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Log in" })).toBeVisible();
  await expect(page.getByTestId("live-state")).toHaveText("Live");
  await expect(page.locator("text=caddy.service")).toHaveCount(0);
  const inv = await anon.request.get(`${server.url}/inventory`, { maxRedirects: 0 });
  expect(inv.status()).toBe(307);
  await anon.close();
});
