import { createHmac } from "node:crypto";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "@playwright/test";
import { addUser, apiLogin, uiLogin } from "../fixtures/auth";
import { openNav, sidewaysOverflow } from "../fixtures/phone";
import { PASSWORDS } from "../fixtures/roles";
import { startServer, type RunningServer } from "../fixtures/server";

// Own panel (a fresh database without channels) and a real webhook receiver on loopback.
const PORT = 3512;
const DB = "test-results/e2e-notify-db/panel.db";
const SECRET = "hmac-secret-typed-once";
let server: RunningServer;
let receiver: Server;
let hookUrl = "";
const got: { path: string; headers: IncomingHttpHeaders; body: string }[] = [];

test.beforeAll(async ({ browser }) => {
  receiver = createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString("utf8")));
    req.on("end", () => {
      got.push({ path: req.url ?? "", headers: req.headers, body });
      if (req.url === "/broken") res.writeHead(503).end("receiver down");
      else res.end("ok");
    });
  });
  await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
  hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/panel-hook`;
  server = await startServer(PORT, DB);
  const page = await browser.newPage({ storageState: { cookies: [], origins: [] } });
  await uiLogin(page, server.url);
  await addUser(page, server.url, "vera", "viewer", PASSWORDS.viewer);
  await page.close();
});
test.afterAll(async () => {
  await server?.stop();
  await new Promise((r) => receiver?.close(r));
});

test("an admin adds a webhook channel; 'Send test' arrives signed and shows success; a bad URL saves nothing", async ({ page }) => {
  got.length = 0;
  await apiLogin(page.request, server.url);
  await page.goto(server.url);
  await openNav(page);
  await page.getByRole("link", { name: "Notifications" }).click();
  await expect(page.getByRole("heading", { name: "Notifications" })).toBeVisible();
  await expect(page.getByText("No channels yet: add one below.")).toBeVisible();
  await expect(page.getByText("Nothing sent yet.")).toBeVisible();

  const form = page.getByTestId("channel-form-new");
  // A URL that is not http(s): a clear message at the field, nothing saved.
  await form.getByLabel("Name").fill("lab hook");
  await form.getByLabel("Kind").selectOption("webhook");
  await form.getByLabel("Webhook URL").fill("ftp://127.0.0.1/panel-hook");
  await form.getByRole("button", { name: "Add channel" }).click();
  await expect(form.getByTestId("error-url")).toHaveText("Enter an http:// or https:// URL.");
  await expect(form.getByTestId("action-message")).toHaveText("Nothing was saved.");
  await page.reload();
  await expect(page.getByTestId("channel-row")).toHaveCount(0);

  await form.getByLabel("Name").fill("lab hook");
  await form.getByLabel("Kind").selectOption("webhook");
  await form.getByLabel("Webhook URL").fill(hookUrl);
  await form.getByLabel("HMAC secret (optional)").fill(SECRET);
  await form.getByRole("button", { name: "Add channel" }).click();
  await expect(form.getByTestId("action-message")).toHaveText("Saved.");
  const row = page.getByTestId("channel-row").filter({ hasText: "lab hook" });
  await expect(row).toContainText("secret: set");
  await expect(row).toContainText(hookUrl);
  // The stored secret never comes back to the browser.
  expect(await page.content()).not.toContain(SECRET);

  await row.getByRole("button", { name: "Send test to lab hook" }).click();
  await expect(row.getByTestId("test-result")).toHaveText("Sent: the test arrived at the channel.");
  expect(got).toHaveLength(1);
  const expected = `sha256=${createHmac("sha256", SECRET).update(got[0].body).digest("hex")}`;
  expect(got[0].headers["x-panel-signature"]).toBe(expected);
  expect(JSON.parse(got[0].body)).toMatchObject({ kind: "test", title: "Test from the homelab panel" });
  expect(await sidewaysOverflow(page)).toBe(0);

  // Clean up for the other viewport's run (the database is shared by both projects).
  page.once("dialog", (d) => void d.accept());
  await row.getByRole("button", { name: "Delete" }).click();
  await expect(page.getByTestId("channel-row")).toHaveCount(0);
});

test("a channel whose sends keep failing shows the error inline and is marked failing", async ({ page }) => {
  got.length = 0;
  await apiLogin(page.request, server.url);
  await page.goto(`${server.url}/settings/notifications`);
  const form = page.getByTestId("channel-form-new");
  await form.getByLabel("Name").fill("broken hook");
  await form.getByLabel("Kind").selectOption("webhook");
  await form.getByLabel("Webhook URL").fill(hookUrl.replace("/panel-hook", "/broken"));
  await form.getByRole("button", { name: "Add channel" }).click();
  await expect(form.getByTestId("action-message")).toHaveText("Saved.");
  const row = page.getByTestId("channel-row").filter({ hasText: "broken hook" });
  await expect(row.getByTestId("channel-failing")).toHaveCount(0);
  for (let i = 1; i <= 3; i++) {
    await row.getByRole("button", { name: "Send test to broken hook" }).click();
    // Each send has arrived (the same message would show at once after the first).
    await expect.poll(() => got.filter((g) => g.path === "/broken").length).toBe(i);
    await expect(row.getByTestId("test-result")).toHaveText("Failed: HTTP 503: receiver down");
    await expect(row.getByRole("button", { name: "Send test to broken hook" })).toBeEnabled();
  }
  await page.reload();
  await expect(row.getByTestId("channel-failing")).toHaveText("failing (3 failed in a row)");
  page.once("dialog", (d) => void d.accept());
  await row.getByRole("button", { name: "Delete" }).click();
  await expect(page.getByTestId("channel-row")).toHaveCount(0);
});

test("a viewer can neither open the page nor see its link", async ({ page }) => {
  await page.context().clearCookies();
  await apiLogin(page.request, server.url, "vera", PASSWORDS.viewer);
  await page.goto(server.url);
  await expect(page.getByTestId("user-menu")).toContainText("vera");
  await expect(page.getByRole("link", { name: "Notifications" })).toHaveCount(0);
  const res = await page.goto(`${server.url}/settings/notifications`);
  expect(res?.status()).toBe(403);
  await expect(page.getByTestId("channel-form-new")).toHaveCount(0);
});
