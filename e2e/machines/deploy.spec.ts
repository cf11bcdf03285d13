// The machine page against the lab, on a phone: build with a preview, deploy with confirmation
// and a streaming log, a broken deploy that rolls back, a rollback from the generations timeline,
// and a second deploy refused (UI and API) while a slow one runs. Screenshots: phone and desktop.
import Database from "better-sqlite3";
import { devices, expect, test, type Page } from "@playwright/test";
import { apiLogin } from "../fixtures/auth";
import { lab } from "../lab";
import { startLabPanel, type LabPanel } from "../fixtures/lab-panel";

const PORT = 3321;
const DB = "test-results/e2e-machines-db/panel.db";
let panel: LabPanel;

const PROFILE = "/nix/var/nix/profiles/system";
/** The status card's own copy: while a streamed page is revealed, a hidden copy of a Suspense
 * boundary's content can sit in the DOM beside it for a moment. */
const status = (page: Page) => page.getByTestId("status-card");
const currentSystem = async () => (await lab.run("frame1", "readlink -f /run/current-system")).trim();
const currentGeneration = async () =>
  Number(/^\s*(\d+)\s.*\(current\)\s*$/m.exec(await lab.run("frame1", `nix-env -p ${PROFILE} --list-generations`))?.[1]);
const grafanaStarted = async () => (await lab.run("frame1", "systemctl show -p ActiveEnterTimestampMonotonic --value grafana")).trim();

test.use({ ...devices["Pixel 7"], storageState: { cookies: [], origins: [] } });

test.beforeAll(async () => {
  test.setTimeout(180_000);
  panel = await startLabPanel(PORT, DB);
  // The lab has no Homepage unit: the inventory should say what the host runs, or every check fails.
  const sqlite = new Database(DB);
  sqlite.prepare("UPDATE Service SET unit = NULL WHERE unit = 'homepage-dashboard.service'").run();
  sqlite.close();
  await lab.healUnit("frame1", "loki");
});

test.afterAll(async () => {
  await panel?.stop();
});

/** Waits for the job opened in the panel to end with `status`. */
async function jobEnds(page: Page, status: string, timeout = 180_000) {
  const panelBox = page.getByTestId("job-panel");
  await expect(panelBox.getByTestId("outcome")).toHaveAttribute("data-status", /succeeded|failed|rolled-back|cancelled|interrupted/, {
    timeout,
  });
  await expect(
    panelBox.getByTestId("outcome"),
    (await panelBox
      .getByTestId("job-message")
      .textContent()
      .catch(() => null)) ?? "",
  ).toHaveAttribute("data-status", status);
  return Number(await panelBox.getAttribute("data-job"));
}

/** Confirms the open dialog; it closes once the job was accepted (so the panel shows the new job). */
async function confirm(page: Page, name: string) {
  const dialog = page.getByRole("dialog");
  await dialog.getByRole("button", { name, exact: true }).click();
  await expect(dialog).toBeHidden({ timeout: 15_000 });
}

async function shot(page: Page, name: string) {
  const path = test.info().outputPath(`${name}.png`);
  await page.screenshot({ path, fullPage: true });
  await test.info().attach(name, { path, contentType: "image/png" });
}

// Phone project only (playwright.config.ts): one lab run; the desktop screenshot is taken inside.
test("deploy, roll back and preview from a phone", async ({ page, browser }) => {
  test.setTimeout(900_000);
  const base = panel.url;
  await apiLogin(page.request, base);
  // Known starting point: the base variant deployed.
  await lab.setVariant("frame1", "base", { extra: [`nonce=${Date.now()}`] });
  const start = await page.request.post(`${base}/api/machines/frame1/jobs`, { data: { kind: "deploy" }, headers: { origin: base } });
  expect(start.status(), await start.text()).toBe(200);
  const baseJob = (await start.json()).job.id as number;
  const jobNow = async () =>
    (await (await page.request.get(`${base}/api/jobs/${baseJob}`)).json()).job as { status: string; message: string };
  await expect
    .poll(async () => (await jobNow()).status, { timeout: 180_000 })
    .toMatch(/succeeded|failed|rolled-back|cancelled|interrupted/);
  expect(await jobNow()).toMatchObject({ status: "succeeded" });
  const baseGen = await currentGeneration();
  const basePath = await currentSystem();

  // From the dashboard to the machine page.
  await page.goto(`${base}/`);
  await page.locator('[data-testid="machine-card"][data-name="frame1"]').getByRole("link", { name: "frame1" }).click();
  await expect(page).toHaveURL(`${base}/machines/frame1`);
  await expect(status(page).getByTestId("reachability")).toHaveAttribute("data-reachable", "true");
  await expect(status(page).getByTestId("current-generation")).toHaveAttribute("data-number", String(baseGen));
  await expect(status(page).getByTestId("drift")).toHaveAttribute("data-state", "matches");

  // Build the changed variant: the preview lists grafana's restart.
  await lab.setVariant("frame1", "changed", { extra: [`nonce=${Date.now()}`] });
  await page.getByRole("button", { name: "Build", exact: true }).click();
  await expect(page.getByTestId("job-panel")).toHaveAttribute("data-job", /\d+/);
  await jobEnds(page, "succeeded");
  await expect(page.getByTestId("activation-restart")).toContainText("grafana.service", { timeout: 30_000 });
  await expect(page.getByTestId("closure-summary")).toBeVisible();

  // Deploy: the dialog shows the exact command and the machine; the log streams; grafana restarts.
  const grafanaBefore = await grafanaStarted();
  await page.getByRole("button", { name: "Deploy…" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog.getByTestId("confirm-host")).toContainText("frame1 (admin@10.231.1.2)");
  await expect(dialog.getByTestId("confirm-command")).toHaveText(
    "nix --extra-experimental-features 'nix-command flakes' --option eval-cache false run '/home/admin/homelab#deploy' -- '/home/admin/homelab#frame1' -- --option eval-cache false",
  );
  await confirm(page, "Deploy frame1");
  await expect(page.getByTestId("job-log")).toContainText("[deploy] [INFO]", { timeout: 60_000 });
  await jobEnds(page, "succeeded");
  await expect(page.getByTestId("job-log")).toContainText("checks passed");
  const changedGen = await currentGeneration();
  expect(changedGen).toBeGreaterThan(baseGen);
  expect(await currentSystem()).not.toBe(basePath);
  expect(await grafanaStarted()).not.toBe(grafanaBefore);
  await expect(status(page).getByTestId("current-generation")).toHaveAttribute("data-number", String(changedGen), { timeout: 30_000 });
  const changedRow = page.locator(`[data-testid="generation-row"][data-number="${changedGen}"]`);
  await expect(changedRow).toHaveAttribute("data-current", "true");
  // deploy-rs's wrapper is seen through: the page names the system inside it and its version
  const running = await currentSystem();
  await expect(status(page).getByTestId("system-path")).toHaveText(running);
  await expect(status(page).getByTestId("system-wrapper")).toContainText("-activatable-nixos-system-frame1-");
  await expect(status(page).getByTestId("nixos-version")).toHaveText("24.11.20261126.lab-changed");
  await expect(status(page).getByTestId("drift")).toContainText("in sync");
  await expect(changedRow.getByTestId("generation-system")).toHaveText(running.slice(44));
  await expect(changedRow.getByTestId("generation-running")).toBeVisible();
  await expect(changedRow).toContainText("NixOS 24.11.20261126.lab-changed");
  await expect(page.locator('[data-testid="check-unit"][data-unit="grafana.service"]')).toHaveAttribute("data-ok", "true");
  await expect(page.getByTestId("preview-current")).toBeVisible();
  await shot(page, "machine-page-phone");
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(page.viewportSize()!.width);

  // The broken variant: deploy-rs rolls back; the old generation stays current.
  await lab.setVariant("frame1", "broken", { extra: [`nonce=${Date.now()}`] });
  await page.getByRole("button", { name: "Deploy…" }).click();
  await confirm(page, "Deploy frame1");
  const brokenJob = await jobEnds(page, "rolled-back");
  await expect(page.getByTestId("job-panel").getByTestId("outcome")).toHaveText("rolled back");
  expect(await currentGeneration()).toBe(changedGen);
  await expect(page.locator(`[data-testid="history-row"][data-job="${brokenJob}"]`)).toHaveAttribute("data-status", "rolled-back", {
    timeout: 30_000,
  });
  await expect(status(page).getByTestId("current-generation")).toHaveAttribute("data-number", String(changedGen));

  // Roll back to the base generation from the timeline.
  const row = page.locator(`[data-testid="generation-row"][data-number="${baseGen}"]`);
  await row.getByRole("button", { name: `Roll back to ${baseGen}…` }).click();
  await expect(page.getByRole("dialog").getByTestId("confirm-command")).toContainText(`--switch-generation ${baseGen}`);
  await confirm(page, `Roll back to ${baseGen}`);
  await jobEnds(page, "succeeded");
  expect(await currentGeneration()).toBe(baseGen);
  expect(await currentSystem()).toBe(basePath);
  await expect(row).toHaveAttribute("data-current", "true", { timeout: 30_000 });

  // A slow deploy: while it runs, a second one is refused by the UI and by the API.
  await lab.setVariant("frame1", "slow", { extra: [`nonce=${Date.now()}`, "seconds=25"] });
  await page.getByRole("button", { name: "Deploy…" }).click();
  await confirm(page, "Deploy frame1");
  const slowJob = Number(await page.getByTestId("job-panel").getAttribute("data-job"));
  await expect(page.getByRole("button", { name: "Deploy…" })).toBeDisabled({ timeout: 10_000 });
  await expect(page.getByTestId("job-actions").getByTestId("disabled-reason").first()).toHaveText(
    `deploy #${slowJob} is running on this machine`,
  );
  const second = await page.request.post(`${base}/api/machines/frame1/jobs`, { data: { kind: "deploy" }, headers: { origin: base } });
  expect(second.status()).toBe(409);
  expect((await second.json()).error.message).toContain(`deploy #${slowJob} is running`);

  // The desktop view of the same page, while the slow deploy runs.
  const desk = await browser.newPage({ viewport: { width: 1366, height: 900 }, storageState: await page.context().storageState() });
  await desk.goto(`${base}/machines/frame1`);
  await expect(desk.getByTestId("reachability")).toHaveAttribute("data-reachable", "true");
  await expect(desk.getByTestId("current-generation")).toHaveAttribute("data-number", String(baseGen));
  await shot(desk, "machine-page-desktop");
  await desk.close();

  await jobEnds(page, "succeeded");
  await expect(page.getByRole("button", { name: "Deploy…" })).toBeEnabled({ timeout: 10_000 });
  // No horizontal scroll on the phone (a too-wide page also widens a mobile layout viewport).
  const width = page.viewportSize()!.width;
  expect(await page.evaluate(() => [window.innerWidth, document.documentElement.scrollWidth])).toEqual([width, width]);
});
