import { expect, test } from "@playwright/test";
import { startServer, type RunningServer } from "../fixtures/server";
import { apiLogin } from "../fixtures/auth";

const PORT = 3212;
let server: RunningServer;

test.beforeAll(async () => {
  server = await startServer(PORT, "test-results/e2e-machine-db/panel.db");
});
test.beforeEach(async ({ page }) => {
  await apiLogin(page.request, server.url);
});
test.afterAll(async () => {
  await server?.stop();
});

test("deleting a machine with services asks what to do with them", async ({ page }) => {
  const base = server.url;
  // A machine with no services is deleted after a plain confirmation.
  await page.goto(`${base}/inventory/machines/frame1-vm`);
  await page.getByRole("button", { name: "Delete…" }).click();
  await expect(page.getByRole("dialog")).toContainText("It has no services");
  await page.getByRole("dialog").getByRole("button", { name: "Delete", exact: true }).click();
  await expect(page.getByRole("status")).toHaveText("Deleted frame1-vm.");

  // frame1 has 8: the dialog requires a choice; "move" needs a target.
  await page.goto(`${base}/inventory/machines/frame1`);
  await page.getByRole("button", { name: "Delete…" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toContainText("It has 8 services");
  await dialog.getByLabel("Move them to another machine").check();
  await dialog.getByLabel("Move services to").selectOption("installer-iso");
  await dialog.getByRole("button", { name: "Delete", exact: true }).click();
  await expect(page.getByRole("status")).toHaveText("Deleted frame1.");

  await expect(page.getByRole("heading", { name: "Services (8)" })).toBeVisible();
  const rows = page.getByRole("row").filter({ hasText: "installer-iso" });
  await expect(rows).toHaveCount(9); // the machine itself + 8 services on it
});
