// The first-run path on the lab (desktop and Pixel 7): a fresh panel with no SSH key, frame1 with
// no pinned host key and an authorized_keys without the panel's key. The admin creates the key,
// trusts the host key by a click, the test adds the shown key to frame1, and "Check connection"
// turns green, on the first-run page and on the machine page. Then each failing check shows its
// own fix: wrong user, no sudo, no flake, host key changed. Keys and users added are removed after.
import { expect, test, type Page } from "@playwright/test";
import { addUser, uiLogin } from "../fixtures/auth";
import { addUserWithoutSudo, authorizeKey, forgetTestKeys } from "../fixtures/first-run-host";
import { startLabPanel, type LabPanel } from "../fixtures/lab-panel";
import { cloneMachine, updateMachine } from "../fixtures/machine-rows";
import { CHECK_IDS } from "../../lib/wire/connection-check";

const PORT = 3341;
const DB = "test-results/e2e-first-run/panel.db";
let panel: LabPanel;
const fp = (name: string) => panel.info.hosts.find((h) => h.name === name)!.hostKeyFingerprint;

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  test.setTimeout(240_000);
  // No SSH_KEY_FILE: the panel's key lives beside its database, and there is none yet.
  panel = await startLabPanel(PORT, DB, { SSH_KEY_FILE: undefined });
  await forgetTestKeys("frame1");
  updateMachine(DB, "frame1", { hostKeyFingerprint: null });
});
test.afterAll(async () => {
  await forgetTestKeys("frame1").catch(() => {});
  await panel?.stop();
});

const row = (page: Page, id: string) => page.getByTestId(`check-${id}`);

async function checkConnection(page: Page) {
  await page.getByTestId("check-connection").click();
  await expect(page.getByTestId("check-connection")).toBeEnabled({ timeout: 240_000 });
}

/** Nothing sideways: not the page, and no check row or code block past the edge of its card. */
async function noOverflow(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  const outside = await page.evaluate(() =>
    [...document.querySelectorAll("section li, section pre")]
      .filter((el) => el.getBoundingClientRect().right > el.closest("section")!.getBoundingClientRect().right + 1)
      .map((el) => el.getAttribute("data-testid") ?? el.tagName),
  );
  expect(outside).toEqual([]);
}

test("from no key to a green Check connection", async ({ page }) => {
  test.setTimeout(300_000);
  await page.context().clearCookies();
  await uiLogin(page, panel.url);

  // The machine page explains what is missing and links to the setup path: no bare errno.
  await page.goto(`${panel.url}/machines/frame1`);
  const problem = page.getByTestId("connection-problem").first();
  await expect(problem).toContainText("The panel has no SSH key yet", { timeout: 30_000 });
  await expect(page.locator("main")).not.toContainText("ENOENT");
  await problem.getByRole("link", { name: "Set up the connection" }).click();
  await expect(page).toHaveURL(/\/first-run\?machine=frame1$/);

  // Step 1: the admin creates the key; the public half and the NixOS line appear.
  await page.getByTestId("create-panel-key").click();
  const pub = page.getByTestId("panel-public-key");
  await expect(pub).toContainText(/^ssh-ed25519 AAAA\S+ homelab-panel@/);
  const publicKey = (await pub.textContent())!.trim();
  await expect(page.getByTestId("authorize-snippet")).toHaveText(`users.users.admin.openssh.authorizedKeys.keys = [ "${publicKey}" ];`);
  await expect(page.getByRole("button", { name: "Copy the public key" })).toBeVisible();
  await noOverflow(page);

  // Step 3: the host key is not trusted yet: its fingerprint is shown, trusted by a click.
  await checkConnection(page);
  await expect(row(page, "tcp")).toHaveAttribute("data-state", "ok");
  await expect(row(page, "host-key")).toHaveAttribute("data-state", "failed");
  await expect(page.getByTestId("presented-fingerprint")).toHaveText(fp("frame1"));
  await expect(row(page, "login")).toHaveAttribute("data-state", "not-run");
  await page.getByTestId("trust-presented-key").click();

  // The checks run again by themselves: the login is refused until the key is on the host.
  await expect(row(page, "login")).toHaveAttribute("data-state", "failed", { timeout: 60_000 });
  await expect(row(page, "host-key")).toHaveAttribute("data-state", "ok");
  await expect(page.getByTestId("check-login-fix")).toContainText('refused the login as "admin"');
  await expect(page.getByTestId("check-login-snippet")).toContainText(publicKey);
  await expect(page.getByTestId("check-connection")).toBeEnabled({ timeout: 60_000 });

  await authorizeKey("frame1", "admin", publicKey);
  await checkConnection(page);
  for (const id of CHECK_IDS) await expect(row(page, id), id).toHaveAttribute("data-state", "ok");
  await expect(page.getByTestId("checks-summary")).toHaveText("frame1 is ready: every check passed.");
  await noOverflow(page);

  // The same checks from the machine page, which now reads the machine.
  await page.goto(`${panel.url}/machines/frame1`);
  await expect(page.getByTestId("reachability")).toHaveAttribute("data-reachable", "true", { timeout: 30_000 });
  await checkConnection(page);
  for (const id of CHECK_IDS) await expect(row(page, id), id).toHaveAttribute("data-state", "ok");
  await noOverflow(page);
});

test("each failing check shows its own fix", async ({ page }) => {
  test.setTimeout(300_000);
  await page.context().clearCookies();
  await uiLogin(page, panel.url);
  await page.goto(`${panel.url}/first-run`);
  const publicKey = (await page.getByTestId("panel-public-key").textContent())!.trim();
  await addUserWithoutSudo("frame1", publicKey);
  // Copies of frame1 (pinned by now), each wrong in one way.
  const cases: { name: string; changes: Record<string, string>; id: string; fix: string }[] = [
    { name: "fr-wrong-user", changes: { sshUser: "nobody-here" }, id: "login", fix: 'Either the user "nobody-here" does not exist there' },
    { name: "fr-no-sudo", changes: { sshUser: "nosudo" }, id: "sudo", fix: '"nosudo" cannot run sudo without a password' },
    {
      name: "fr-no-flake",
      changes: { flakeDir: "/home/admin/not-here" },
      id: "flake",
      fix: "git clone <your repository> /home/admin/not-here",
    },
    { name: "fr-rekeyed", changes: { hostKeyFingerprint: fp("frame2") }, id: "host-key", fix: `but the panel pinned ${fp("frame2")}` },
  ];
  for (const c of cases) cloneMachine(DB, "frame1", c.name, c.changes);
  for (const c of cases) {
    await page.goto(`${panel.url}/first-run?machine=${c.name}`);
    await checkConnection(page);
    await expect(row(page, c.id), c.name).toHaveAttribute("data-state", "failed");
    await expect(page.getByTestId(`check-${c.id}-fix`), c.name).toContainText(c.fix);
    // A failed login or host key stops the run: the rest is "not run", not red.
    if (c.id === "login" || c.id === "host-key")
      await expect(page.locator('[data-testid^="check-"][data-state="failed"]'), c.name).toHaveCount(1);
  }
  await expect(page.getByTestId("check-host-key-detail")).toContainText(`host key changed: ${fp("frame1")}`);
  await noOverflow(page);
});

test("a viewer sees the checks and their results but cannot trust a key", async ({ page }) => {
  test.setTimeout(180_000);
  await page.context().clearCookies();
  await uiLogin(page, panel.url);
  await addUser(page, panel.url, "fr-viewer", "viewer", "fr-viewer-password-123");
  cloneMachine(DB, "frame1", "fr-unpinned", { hostKeyFingerprint: null });
  await page.context().clearCookies();
  await uiLogin(page, panel.url, "fr-viewer", "fr-viewer-password-123");
  await page.goto(`${panel.url}/first-run?machine=fr-unpinned`);
  await expect(page.getByTestId("panel-public-key")).toBeVisible();
  await checkConnection(page);
  await expect(row(page, "host-key")).toHaveAttribute("data-state", "failed");
  await expect(row(page, "host-key")).toContainText(`Only an admin can trust a host key (${fp("frame1")})`);
  await expect(page.getByTestId("trust-presented-key")).toHaveCount(0);
  await page.goto(`${panel.url}/machines/frame1`);
  await checkConnection(page);
  for (const id of CHECK_IDS) await expect(row(page, id), id).toHaveAttribute("data-state", "ok");
});
