import { expect, test } from "@playwright/test";
import { startLabPanel, type LabPanel } from "../fixtures/lab-panel";
import { apiLogin } from "../fixtures/auth";

// A panel aimed at the lab (port 3333): the flake is evaluated by the real nix on frame2 over SSH.
const PORT = 3333;
let panel: LabPanel;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  panel = await startLabPanel(PORT, "test-results/e2e-import-flake-db/panel.db");
});
test.beforeEach(async ({ page }) => {
  await apiLogin(page.request, panel.url);
});
test.afterAll(async () => {
  await panel?.stop();
});

test("import from the lab flake: preview, apply, and a second preview shows everything unchanged", async ({ page }) => {
  // Each preview is two `nix eval` runs over SSH, each bounded at 120 s by the panel; a cold or
  // busy lab host has taken more than a minute in CI.
  test.setTimeout(600_000);
  // The lab database holds every lab host (frame1, frame2, frame3) and the seed's installer-iso, all in
  // the lab flake: delete frame3 (it has no services) so that the import has one machine to add back.
  await page.goto(`${panel.url}/inventory/machines/frame3`);
  await page.getByRole("button", { name: "Delete…" }).click();
  await expect(page.getByRole("dialog")).toContainText("It has no services");
  await page.getByRole("dialog").getByRole("button", { name: "Delete", exact: true }).click();
  await expect(page.getByRole("status")).toHaveText("Deleted frame3.");

  await page.goto(`${panel.url}/inventory/import`);
  await page.getByRole("tab", { name: "From flake" }).click();
  await page.getByRole("combobox", { name: "Evaluate on" }).selectOption("frame2");
  await expect(page.getByLabel("Flake directory")).toHaveValue("/home/admin/homelab");
  await page.getByRole("button", { name: "Preview" }).click();
  // frame1, frame2 and installer-iso are unchanged; the lab flake adds frame3 back.
  await expect(page.getByTestId("plan-summary")).toHaveText("Would 1 add, 0 change, 3 unchanged, 0 skipped.", { timeout: 240_000 });
  await expect(page.locator('[data-testid="plan-entry"][data-key="frame3"]')).toHaveAttribute("data-action", "add");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page.getByTestId("plan-summary")).toHaveText("Applied: 1 added, 0 changed, 3 unchanged, 0 skipped.", { timeout: 240_000 });

  await page.goto(`${panel.url}/inventory`);
  await expect(page.getByRole("link", { name: "frame3", exact: true })).toBeVisible();

  await page.goto(`${panel.url}/inventory/import`);
  await page.getByRole("tab", { name: "From flake" }).click();
  await page.getByRole("combobox", { name: "Evaluate on" }).selectOption("frame2");
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(page.getByTestId("plan-summary")).toHaveText("Would 0 add, 0 change, 4 unchanged, 0 skipped.", { timeout: 240_000 });
});

test("load services.homepage-dashboard from the lab flake into the Homepage tab", async ({ page }) => {
  await page.goto(`${panel.url}/inventory/import`);
  await page.getByText("Load services.homepage-dashboard from the flake").click();
  await page.getByRole("combobox", { name: "Evaluate on" }).selectOption("frame2");
  await page.getByLabel("Configuration (nixosConfigurations.…)").fill("frame1");
  await page.getByRole("button", { name: "Load", exact: true }).click();
  // The lab's machines have no Homepage: the box gets the two empty lists as nix eval printed them.
  await expect(page.getByLabel("Configuration", { exact: true })).toHaveValue('{\n  "services": [],\n  "bookmarks": []\n}\n', {
    timeout: 60_000,
  });
  await page.getByLabel("Configuration (nixosConfigurations.…)").fill("-bad");
  await page.getByRole("button", { name: "Load", exact: true }).click();
  await expect(page.getByTestId("load-error")).toHaveText("Use a Nix attribute name such as frame1.");
});
