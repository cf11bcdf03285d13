import { expect, test, type Page } from "@playwright/test";
import { startServer, type RunningServer } from "../fixtures/server";
import { apiLogin } from "../fixtures/auth";

// Own server and database (port 3331): the import changes the inventory.
const PORT = 3331;
const DB = "test-results/e2e-import-db/panel.db";
let server: RunningServer;

const SERVICES_YAML = `---
# Homepage services.yaml
- Media:
    - Jellyfin:
        icon: jellyfin.png
        href: http://127.0.0.1:8096
        description: Films for the family
        siteMonitor: http://127.0.0.1:8096/health
        widget:
          type: jellyfin
          url: http://127.0.0.1:8096
          key: "{{HOMEPAGE_VAR_JELLYFIN_KEY}}"
    - Home Automation:
        - Node-RED:
            icon: si-nodered
            href: http://127.0.0.1:1880
            description: Flows
`;

const MALFORMED = "- Media:\n    - Jellyfin:\n\thref: http://127.0.0.1:8096\n";

test.beforeAll(async () => {
  server = await startServer(PORT, DB);
});
test.beforeEach(async ({ page }) => {
  await apiLogin(page.request, server.url);
});
test.afterAll(async () => {
  await server?.stop();
});

async function preview(page: Page, text: string) {
  await page.getByLabel("Configuration", { exact: true }).fill(text);
  await page.getByRole("button", { name: "Preview" }).click();
}

test("paste services.yaml, preview, apply; tiles appear; a second import changes nothing", async ({ page, isMobile }) => {
  test.skip(isMobile, "the flow runs once, on desktop");
  await page.goto(`${server.url}/inventory`);
  await page.getByRole("link", { name: "Import" }).click();
  await expect(page).toHaveURL(/\/inventory\/import$/);
  await expect(page.getByRole("tab", { name: "From Homepage" })).toHaveAttribute("aria-selected", "true");

  await preview(page, SERVICES_YAML);
  await expect(page.getByTestId("plan-summary")).toHaveText("Would 2 add, 0 change, 0 unchanged, 0 skipped.");
  const jellyfin = page.locator('[data-testid="plan-entry"][data-key="jellyfin"]');
  await expect(jellyfin).toHaveAttribute("data-action", "add");
  await expect(jellyfin.locator('[data-level="skipped"]')).toHaveText('Skipped: widget "jellyfin": the panel does not show Homepage widgets.');
  await expect(page.locator('[data-testid="plan-entry"][data-key="node-red"]')).toContainText("Media / Home Automation / Node-RED");

  // Preview wrote nothing.
  await page.goto(server.url);
  await expect(page.locator('[data-slug="jellyfin"]')).toHaveCount(0);
  await page.goBack();
  await preview(page, SERVICES_YAML);
  await expect(page.getByTestId("plan-summary")).toHaveText("Would 2 add, 0 change, 0 unchanged, 0 skipped.");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page.getByTestId("plan-summary")).toHaveText("Applied: 2 added, 0 changed, 0 unchanged, 0 skipped.");

  await page.goto(server.url);
  await expect(page.locator('[data-slug="jellyfin"]')).toContainText("Films for the family");
  await expect(page.locator('[data-slug="node-red"]')).toContainText("Flows");
  await expect(page.getByRole("heading", { name: "Media / Home Automation" })).toBeVisible();

  await page.goto(`${server.url}/inventory/import`);
  await preview(page, SERVICES_YAML);
  await expect(page.getByTestId("plan-summary")).toHaveText("Would 0 add, 0 change, 2 unchanged, 0 skipped.");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page.getByTestId("plan-summary")).toHaveText("Applied: 0 added, 0 changed, 2 unchanged, 0 skipped.");

  const audit = await (await page.request.get(`${server.url}/api/audit?action=inventory.import`)).json();
  expect(audit.events.map((e: { action: string; outcome: string }) => `${e.action} ${e.outcome}`)).toEqual([
    "inventory.import.homepage ok", "inventory.import.homepage ok",
  ]);
});

test("malformed YAML shows the line number next to the input and changes nothing", async ({ page }) => {
  await page.goto(`${server.url}/inventory/import`);
  const count = async () => /Services \((?:<!-- -->)?(\d+)/.exec(await (await page.request.get(`${server.url}/inventory`)).text())?.[1];
  const before = await count();
  expect(before).toMatch(/^\d+$/);
  await preview(page, MALFORMED);
  const error = page.getByTestId("form-message");
  await expect(error).toHaveText("Nothing was imported: Line 3, column 1: Tabs are not allowed as indentation.");
  await expect(page.getByLabel("Configuration", { exact: true })).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Configuration", { exact: true })).toHaveValue(MALFORMED);
  await expect(page.getByRole("button", { name: "Apply" })).toBeDisabled();
  await expect(page.getByTestId("plan-summary")).toHaveCount(0);
  expect(await count()).toBe(before);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBe(0);
});

test("the flake tab offers the inventory's machines with their flake checkout", async ({ page }) => {
  await page.goto(`${server.url}/inventory/import`);
  await page.getByRole("tab", { name: "From Homepage" }).focus();
  await page.keyboard.press("ArrowRight");
  await expect(page.getByRole("tab", { name: "From flake" })).toHaveAttribute("aria-selected", "true");
  await expect(page.getByRole("combobox", { name: "Evaluate on" })).toHaveValue("frame1");
  await expect(page.getByLabel("Flake directory")).toHaveValue("/home/admin/homelab");
  await page.getByLabel("Flake directory").fill("/srv/not ok");
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(page.getByTestId("error-flakeDir")).toHaveText("Use an absolute path of letters, digits, '.', '_', '/' or '-'.");
});
