// NEEDS THE LAB. "Update inputs" on the machine page: a commit to the flake's input
// (/home/admin/homelab-input on frame1) shows as lab-input's lock entry moving and lab-motd
// 1.0 → 1.1 in the package preview; Cancel leaves the checkout as it was; a second update
// accepted with a message commits flake.lock and deploys it (the deploy's history row names the
// commit, frame1 runs the new motd). A viewer sees the preview without the controls.
import { expect, test } from "@playwright/test";
import { addUser, uiLogin } from "../fixtures/auth";
import { startLabPanel, type LabPanel } from "../fixtures/lab-panel";
import { E2E_PORT } from "../fixtures/server-env";
import { lab } from "../lab";

// Own server and database (3327 next to the default 3210; moves with E2E_PORT).
const PORT = E2E_PORT + 117;
let panel: LabPanel;
const git = (command: string) => lab.run("frame1", `set -e; cd ~/homelab; ${command}`, "admin").then((s) => s.trim());
const inStep = () => git("git checkout -q -- . && git push -q --force origin HEAD:main && git fetch -q");
const checkoutPrint = () => git("git rev-parse HEAD; sha256sum flake.lock; git status --porcelain; echo end");

test.beforeAll(async () => {
  test.setTimeout(180_000);
  panel = await startLabPanel(PORT, "test-results/e2e-flake-update/panel.db");
  await lab.setVariant("frame1", "base");
  await inStep();
});
test.afterAll(async () => {
  await inStep().catch(() => {});
  await panel?.stop();
});

test("update inputs: the lock difference and package preview, cancel untouched, accept commits flake.lock and deploys", async ({
  page,
}, info) => {
  test.skip(info.project.name !== "desktop", "the same server parts on a phone; one run of the lab flow is enough");
  test.setTimeout(300_000);
  await page.context().clearCookies();
  await uiLogin(page, panel.url);
  const version = `1.${Date.now() % 100000}`;
  await lab.commitInput("motd", `Welcome (motd ${version})\n`, `motd ${version}`, "frame1");
  const rev = await lab.commitInput("version", `${version}\n`, `version ${version}`, "frame1");
  const before = await checkoutPrint();

  await page.goto(`${panel.url}/machines/frame1`);
  const box = page.getByTestId("input-update");
  await box.getByRole("button", { name: "Update inputs" }).click();
  await expect(box.getByTestId("update-inputs-note")).toContainText("started");
  const panelJob = page.getByTestId("job-panel");
  await expect(panelJob.getByTestId("outcome")).toHaveAttribute("data-status", "succeeded", { timeout: 180_000 });
  const change = box.locator('[data-testid="lock-change"][data-input="lab-input"]');
  await expect(change).toContainText(rev.slice(0, 7), { timeout: 30_000 });
  await expect(change).toHaveAttribute("data-kind", "updated");
  await expect(box.getByTestId("input-package").filter({ hasText: "lab-motd" })).toContainText(`→ ${version}`);
  expect(await checkoutPrint()).toBe(before);

  await box.getByRole("button", { name: "Cancel update" }).click();
  await expect(box.getByTestId("input-update-decision")).toHaveAttribute("data-kind", "cancelled", { timeout: 30_000 });
  expect(await checkoutPrint()).toBe(before);

  // A viewer sees the results, not the controls.
  await addUser(page, panel.url, "vic", "viewer", "viewer-password-1");
  await page.context().clearCookies();
  await uiLogin(page, panel.url, "vic", "viewer-password-1");
  await page.goto(`${panel.url}/machines/frame1`);
  await expect(box.getByTestId("lock-change").first()).toBeVisible({ timeout: 30_000 });
  await expect(box.getByRole("button", { name: "Update inputs" })).toHaveCount(0);

  // Again, and accept: commit flake.lock with a message, then the deploy.
  await page.context().clearCookies();
  await uiLogin(page, panel.url);
  await page.goto(`${panel.url}/machines/frame1`);
  await box.getByTestId("update-inputs-names").fill("lab-input");
  await box.getByRole("button", { name: "Update inputs" }).click();
  await expect(panelJob.getByTestId("outcome")).toHaveAttribute("data-status", "succeeded", { timeout: 180_000 });
  await expect(box.getByRole("button", { name: "Commit flake.lock and deploy" })).toBeVisible({ timeout: 30_000 });
  await box.getByTestId("update-message").fill(`flake.lock: lab-input ${version}`);
  await box.getByRole("button", { name: "Commit flake.lock and deploy" }).click();
  await expect(box.getByTestId("input-update-decision")).toHaveAttribute("data-kind", "accepted", { timeout: 60_000 });
  const commit = await git("git rev-parse HEAD");
  await expect(box.getByTestId("input-update-decision")).toContainText(`committed as ${commit.slice(0, 7)}`);
  expect(await git("git log -1 --format=%s")).toBe(`flake.lock: lab-input ${version}`);
  expect(await git("git status --porcelain")).toBe("");
  const deployJob = /deploy #(\d+)/.exec((await box.getByTestId("input-update-decision").textContent()) ?? "")?.[1];
  expect(deployJob).toBeTruthy();
  const row = page.locator(`[data-testid="history-row"][data-job="${deployJob}"]`);
  await expect(row.getByTestId("history-commit")).toHaveAttribute("data-commit", commit, { timeout: 180_000 });
  await expect
    .poll(async () => (await lab.run("frame1", "cat /run/current-system/etc/motd", "admin")).trim(), { timeout: 180_000 })
    .toBe(`Welcome (motd ${version})`);
});
