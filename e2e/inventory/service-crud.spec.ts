import { expect, test } from "@playwright/test";
import { startServer, type RunningServer } from "../fixtures/server";
import { apiLogin } from "../fixtures/auth";

// Own server and database: this test restarts the panel to prove edits are durable and that
// the seed does not come back over them.
const PORT = 3211;
const DB = "test-results/e2e-crud-db/panel.db";
let server: RunningServer;

test.beforeAll(async () => {
  server = await startServer(PORT, DB);
});
test.beforeEach(async ({ page }) => {
  await apiLogin(page.request, server.url);
});
test.afterAll(async () => {
  await server?.stop();
});

test("create, edit and delete a service through the UI; changes survive a restart", async ({ page }) => {
  const base = server.url;

  await page.goto(`${base}/inventory`);
  await page.getByRole("link", { name: "Add service" }).click();
  await page.getByLabel("Name", { exact: true }).fill("Jellyfin");
  await page.getByLabel("Id").fill("jellyfin");
  await page.getByLabel("Group").fill("Media");
  await page.getByLabel("Description").fill("Films for the family");
  await page.getByLabel("Link", { exact: true }).fill("http://127.0.0.1:8096");
  await page.getByLabel("Machine").selectOption("frame1");
  await page.getByLabel("systemd unit").fill("jellyfin.service");
  await page.getByLabel("Ports").fill("8096/tcp");
  await page.getByRole("button", { name: "Add service" }).click();
  await expect(page.getByRole("status")).toHaveText("Saved jellyfin.");

  await page.goto(base);
  const tile = page.locator('[data-slug="jellyfin"]');
  await expect(tile).toContainText("Films for the family");
  await expect(page.getByRole("heading", { name: "Media" })).toBeVisible();

  await page.goto(`${base}/inventory/services/jellyfin`);
  await page.getByLabel("Description").fill("Films and series");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("status")).toHaveText("Saved jellyfin.");

  // Edit a seeded service too: a restart must not re-seed over it.
  await page.goto(`${base}/inventory/services/grafana`);
  await page.getByLabel("Description").fill("Our dashboards");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("status")).toHaveText("Saved grafana.");

  await server.stop();
  server = await startServer(PORT, DB, { fresh: false });
  expect(server.output()).toContain("inventory already seeded");

  await page.goto(base);
  await expect(page.locator('[data-slug="jellyfin"]')).toContainText("Films and series");
  await expect(page.locator('[data-slug="grafana"]')).toContainText("Our dashboards");
  await expect(page.getByTestId("service-tile")).toHaveCount(9);

  await page.goto(`${base}/inventory/services/jellyfin`);
  await page.getByRole("button", { name: "Delete…" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toContainText("Delete Jellyfin?");
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();
  await page.getByRole("button", { name: "Delete…" }).click();
  await dialog.getByRole("button", { name: "Delete", exact: true }).click();
  await expect(page.getByRole("status")).toHaveText("Deleted jellyfin.");

  await server.stop();
  server = await startServer(PORT, DB, { fresh: false });
  await page.goto(base);
  await expect(page.getByTestId("service-tile")).toHaveCount(8);
  await expect(page.locator('[data-slug="jellyfin"]')).toHaveCount(0);
});

test("an invalid port shows a message next to the field and saves nothing", async ({ page }) => {
  const base = server.url;
  await page.goto(`${base}/inventory/services/new`);
  await page.getByLabel("Name", { exact: true }).fill("Broken");
  await page.getByLabel("Id").fill("broken");
  await page.getByLabel("Group").fill("Tests");
  await page.getByLabel("Ports").fill("70000");
  await page.getByLabel("Link", { exact: true }).fill("javascript:alert(1)");
  await page.getByRole("button", { name: "Add service" }).click();

  await expect(page.getByTestId("error-ports")).toHaveText("Port 70000 is out of range (1-65535).");
  await expect(page.getByTestId("error-url")).toHaveText("Link must be an http:// or https:// URL.");
  await expect(page.getByLabel("Ports")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByTestId("form-message")).toContainText("Nothing was saved");
  // What was typed is still there.
  await expect(page.getByLabel("Name", { exact: true })).toHaveValue("Broken");
  await expect(page.getByLabel("Ports")).toHaveValue("70000");

  await page.goto(`${base}/inventory`);
  await expect(page.getByRole("link", { name: "Broken" })).toHaveCount(0);
  await expect(page.getByRole("heading", { name: "Services (8)" })).toBeVisible();
});

test("a bad machine name is refused with its own message", async ({ page }) => {
  await page.goto(`${server.url}/inventory/machines/new`);
  await page.getByLabel("Name", { exact: true }).fill("-oProxyCommand=id");
  await page.getByLabel("Host", { exact: true }).fill("frame2 ; id");
  await page.getByRole("button", { name: "Add machine" }).click();
  await expect(page.getByTestId("error-name")).toContainText("lower-case letters");
  await expect(page.getByTestId("error-sshHost")).toContainText("host name or IP address");
  await page.goto(`${server.url}/inventory`);
  await expect(page.getByRole("heading", { name: "Machines (3)" })).toBeVisible();
});
