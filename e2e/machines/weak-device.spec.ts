// NEEDS THE LAB (frame3 up: the default). frame3 is the weak device: marked "never builds" with
// frame1 as its build host (scripts/lab-db.ts). Its machine page says so; a deploy from the page
// runs deploy-rs on frame1 (the confirmation names frame1) and the new generation reads "built on
// frame1 (deploy #N)". Marking a machine "never builds" without another build host is refused by
// the form and changes nothing. Desktop and Pixel 7 (each project deploys once).
import { expect, test, type Page } from "@playwright/test";
import { uiLogin } from "../fixtures/auth";
import { startLabPanel, type LabPanel } from "../fixtures/lab-panel";
import { E2E_PORT } from "../fixtures/server-env";
import { lab } from "../lab";

// Own server and database (3343 next to the default 3210; moves with E2E_PORT).
const PORT = E2E_PORT + 133;
let panel: LabPanel;
const currentSystem = async () => (await lab.run("frame3", "readlink -f /run/current-system")).trim();
const status = (page: Page) => page.getByTestId("status-card");

test.beforeAll(async () => {
  test.setTimeout(180_000);
  panel = await startLabPanel(PORT, "test-results/e2e-weak-device/panel.db");
});
test.afterAll(async () => {
  await panel?.stop();
});

test("frame3 never builds: its page says so, a deploy builds on frame1 and its generation says 'built on frame1'", async ({ page }) => {
  test.setTimeout(300_000);
  await page.context().clearCookies();
  await uiLogin(page, panel.url);
  await page.goto(`${panel.url}/machines/frame3`);
  await expect(status(page)).toContainText("builds on frame1");
  await expect(status(page).getByTestId("never-builds")).toHaveText("· never builds");
  await expect(status(page).getByTestId("reachability")).toHaveAttribute("data-reachable", "true", { timeout: 30_000 });

  await lab.setVariant("frame3", "changed", { extra: [`nonce=${Date.now()}`] });
  const before = await currentSystem();
  await page.getByRole("button", { name: "Deploy…" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog.getByTestId("confirm-host")).toContainText("frame1 (admin@10.231.1.2)");
  await expect(dialog.getByTestId("confirm-command")).toHaveText(
    "nix --extra-experimental-features 'nix-command flakes' --option eval-cache false run '/home/admin/homelab#deploy' -- '/home/admin/homelab#frame3' -- --option eval-cache false",
  );
  await dialog.getByRole("button", { name: "Deploy frame3", exact: true }).click();
  await expect(dialog).toBeHidden({ timeout: 15_000 });
  const jobPanel = page.getByTestId("job-panel");
  await expect(jobPanel.getByTestId("outcome")).toHaveAttribute("data-status", /succeeded|failed|rolled-back|cancelled|interrupted/, {
    timeout: 180_000,
  });
  await expect(jobPanel.getByTestId("outcome"), (await jobPanel.getByTestId("job-message").textContent()) ?? "").toHaveAttribute(
    "data-status",
    "succeeded",
  );
  const jobId = Number(await jobPanel.getAttribute("data-job"));
  // The job says where the system was built (its log is a virtual list: not read here).
  const job = (await (await page.request.get(`${panel.url}/api/jobs/${jobId}`)).json()) as { job: { builtOn: string | null } };
  expect(job.job.builtOn).toBe("frame1");
  const after = await currentSystem();
  expect(after).not.toBe(before);

  // The new generation: current, running the deployed system, built on frame1 by this deploy.
  await page.reload();
  const row = page.locator('[data-testid="generation-row"][data-current="true"]');
  await expect(row.getByTestId("generation-system")).toHaveText(after.slice(44), { timeout: 30_000 });
  await expect(row.getByTestId("generation-built-on")).toHaveText("built on frame1 (");
  await expect(row).toContainText(`built on frame1 (deploy #${jobId})`);
  // Generation 1 was made by the lab's base image in frame3's own store, not by the panel.
  await expect(page.locator('[data-testid="generation-row"][data-number="1"]')).toContainText("not deployed by the panel");
  const path = test.info().outputPath("weak-device.png");
  await page.screenshot({ path, fullPage: true });
  await test.info().attach("weak-device", { path, contentType: "image/png" });
});

test("marking a machine 'never builds' without another build host is refused and changes nothing", async ({ page }) => {
  await page.context().clearCookies();
  await uiLogin(page, panel.url);
  await page.goto(`${panel.url}/inventory/machines/frame2`);
  await page.getByRole("textbox", { name: "Build host" }).fill("");
  await page.getByRole("checkbox", { name: /Never builds/ }).check();
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("Nothing was saved: check the highlighted fields.")).toBeVisible();
  await expect(page.getByTestId("error-buildHost")).toHaveText(
    "A machine that never builds needs another machine as its build host (e.g. frame1).",
  );
  // The same with itself as its build host.
  await page.getByRole("textbox", { name: "Build host" }).fill("frame2");
  await page.getByRole("checkbox", { name: /Never builds/ }).check();
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByTestId("error-buildHost")).toHaveText(
    "A machine that never builds needs another machine as its build host (e.g. frame1).",
  );
  await page.goto(`${panel.url}/machines/frame2`);
  await expect(status(page)).toBeVisible();
  await expect(status(page).getByTestId("never-builds")).toHaveCount(0);
  await page.goto(`${panel.url}/inventory/machines/frame2`);
  await expect(page.getByRole("checkbox", { name: /Never builds/ })).not.toBeChecked();
});
