import { readFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { startServer, type RunningServer } from "../fixtures/server";
import { E2E_PORT } from "../fixtures/server-env";
import { apiLogin } from "../fixtures/auth";

// Own server and database (port 3331 next to the default 3210; moves with E2E_PORT): the import changes the inventory.
const PORT = E2E_PORT + 121;
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
  await expect(jellyfin.locator('[data-level="skipped"]')).toHaveText(
    'Skipped: widget "jellyfin": the panel does not show Homepage widgets.',
  );
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
    "inventory.import.homepage ok",
    "inventory.import.homepage ok",
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

const TEMPLATED_YAML = `- Docs:
    - Paperless:
        href: {{HOMEPAGE_VAR_PAPERLESS_URL}}
        description: Scans {{HOMEPAGE_FILE_NOTE}}
        siteMonitor: {{HOMEPAGE_VAR_PAPERLESS_URL}}/health
    - Shares:
        href: smb://nas.lan/share
        description: {{HOMEPAGE_VAR_MISSING}}
`;
const entry = (page: Page, key: string) => page.locator(`[data-testid="plan-entry"][data-key="${key}"]`);
const text = (name: string, content: string) => ({ name, mimeType: "text/plain", buffer: Buffer.from(content) });

test("an uploaded env file fills Homepage's templates; the preview marks placeholders and dropped links", async ({ page, isMobile }) => {
  test.skip(isMobile, "the flow runs once, on desktop");
  await page.goto(`${server.url}/inventory/import`);

  // Without an environment: unquoted templates are kept as written and marked, never "[object Object]".
  await preview(page, TEMPLATED_YAML);
  await expect(page.getByTestId("plan-summary")).toHaveText("Would 2 add, 0 change, 0 unchanged, 0 skipped.");
  await expect(entry(page, "paperless").locator('[data-level="skipped"]').first()).toHaveText(
    "Skipped: href {{HOMEPAGE_VAR_PAPERLESS_URL}} is a Homepage template with no value, not a URL the panel can open; the link was left as it is in the inventory.",
  );
  await expect(entry(page, "shares")).toContainText(
    "Skipped: href smb://nas.lan/share is not an http(s) link the panel can open; the service is imported without it.",
  );
  await expect(page.locator("main")).not.toContainText("[object Object]");

  // The env file names the note's file: upload it too (the panel never reads /run/secrets on the server).
  await page.getByText("Environment for {{HOMEPAGE_VAR_…}} templates (optional)").click();
  await page
    .getByLabel("Upload an env file")
    .setInputFiles(text("homepage.env", "HOMEPAGE_VAR_PAPERLESS_URL=http://127.0.0.1:8010\nHOMEPAGE_FILE_NOTE=/run/secrets/note\n"));
  await expect(page.getByLabel("Environment", { exact: true })).toHaveValue(
    "HOMEPAGE_VAR_PAPERLESS_URL=http://127.0.0.1:8010\nHOMEPAGE_FILE_NOTE=/run/secrets/note\n",
  );
  await expect(page.getByRole("button", { name: "Apply" })).toBeDisabled();
  await page.getByLabel("Files named by HOMEPAGE_FILE_ variables").setInputFiles(text("note", "from a file"));
  await expect(page.getByRole("list", { name: "Uploaded files" })).toHaveText("noteRemove");
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(entry(page, "paperless").getByRole("list", { name: "Notes" })).toHaveCount(0);
  await expect(entry(page, "shares")).toContainText("Note: description keeps its Homepage template as written (no value for it).");
  const remarks = page.getByTestId("plan-warning");
  await expect(remarks.nth(0)).toHaveText(
    "Filled in from the environment, as Homepage does: HOMEPAGE_VAR_PAPERLESS_URL, HOMEPAGE_FILE_NOTE.",
  );
  await expect(remarks.nth(1)).toHaveText(
    "No value for HOMEPAGE_VAR_MISSING: where an imported field holds one, it is kept as written and marked on the entry.",
  );

  // Changing the environment asks for a new preview before applying.
  await page
    .getByLabel("Environment", { exact: true })
    .fill("HOMEPAGE_VAR_PAPERLESS_URL=http://127.0.0.1:8011\nHOMEPAGE_FILE_NOTE=/run/secrets/note\n");
  await expect(page.getByRole("button", { name: "Apply" })).toBeDisabled();
  await expect(page.getByText("The text or environment changed: preview again to apply.")).toBeVisible();
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(page.getByTestId("plan-summary")).toHaveText("Would 2 add, 0 change, 0 unchanged, 0 skipped.");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page.getByTestId("plan-summary")).toHaveText("Applied: 2 added, 0 changed, 0 unchanged, 0 skipped.");

  await page.goto(server.url);
  const tile = page.locator('[data-slug="paperless"]');
  await expect(tile).toContainText("Scans from a file");
  await expect(tile.getByRole("link", { name: "Paperless" })).toHaveAttribute("href", "http://127.0.0.1:8011");
  await expect(page.locator('[data-slug="shares"]')).toContainText("{{HOMEPAGE_VAR_MISSING}}");
});

test("a malformed env file is refused with its line next to the environment (the open section fits a phone)", async ({ page }) => {
  await page.goto(`${server.url}/inventory/import`);
  await page.getByText("Environment for {{HOMEPAGE_VAR_…}} templates (optional)").click();
  await page.getByLabel("Environment", { exact: true }).fill("HOMEPAGE_VAR_A=1\nthis is not a variable\n");
  await preview(page, TEMPLATED_YAML);
  await expect(page.getByTestId("error-env")).toHaveText("Line 2 of the environment is not NAME=value.");
  await expect(page.getByTestId("form-message")).toHaveText("Nothing was imported: Line 2 of the environment is not NAME=value.");
  await expect(page.getByLabel("Environment", { exact: true })).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByTestId("plan-summary")).toHaveCount(0);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBe(0);
});

test("a .nix module is evaluated into the text box, then previewed like any configuration", async ({ page, isMobile }) => {
  test.skip(isMobile, "once, on desktop");
  await page.goto(`${server.url}/inventory/import`);
  const nix = readFileSync("lib/fixtures/derived/homepage/module-services-list.nix");
  await page.getByLabel("Upload a file").setInputFiles({ name: "homepage-dashboard.nix", mimeType: "text/plain", buffer: nix });
  await expect(page.getByTestId("file-note")).toHaveText(
    "homepage-dashboard.nix was evaluated with nix-instantiate: below is what it sets in services.homepage-dashboard.",
  );
  await expect(page.getByLabel("Configuration", { exact: true })).toHaveValue(/"Immich": \{\n\s+"description": "Photo library"/);
  await page.getByRole("button", { name: "Preview" }).click();
  // Its Jellyfin is the one the first test imported, when that ran (found by name): then a change.
  await expect(page.getByTestId("plan-summary")).toHaveText(/^Would (3 add, 0 change|2 add, 1 change), 0 unchanged, 0 skipped\.$/);
  await expect(entry(page, "immich")).toHaveAttribute("data-action", "add");

  // A module that needs the rest of the configuration: the message says what to do instead.
  await page
    .getByLabel("Upload a file")
    .setInputFiles(
      text(
        "needs-config.nix",
        "{ config, ... }: { services.homepage-dashboard.services = [ { G = [ { S = { href = config.x; }; } ]; } ]; }",
      ),
    );
  await expect(page.getByTestId("file-error")).toHaveText(
    /^needs-config\.nix uses config, which only a whole NixOS configuration has\. Load it from the flake instead/,
  );
});
