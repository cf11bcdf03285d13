import { createServer, type Server } from "node:net";
import { expect, test } from "@playwright/test";

// A real TCP service on loopback that the panel checks; closing it must turn the badge red
// on an open page without a reload (pushed over socket.io).
test("a health badge changes without reload when the service goes down", async ({ page }) => {
  const server: Server = createServer((s) => s.end());
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const port = (server.address() as { port: number }).port;
  const slug = `probe-${port}`;

  await page.goto("/inventory/services/new");
  await page.getByLabel("Name", { exact: true }).fill(`Probe ${port}`);
  await page.getByLabel("Id").fill(slug);
  await page.getByLabel("Group").fill("Probes");
  await page.getByLabel("Kind").selectOption("tcp");
  await page.getByLabel("Target").fill(`127.0.0.1:${port}`);
  await page.getByRole("button", { name: "Add service" }).click();
  await expect(page).toHaveURL(/\/inventory\?saved=/);

  await page.goto("/");
  const badge = page.locator(`[data-slug="${slug}"] [data-testid=health]`);
  await expect(badge).toHaveAttribute("data-status", /up|slow/);
  // Count navigations only once the page is hydrated and subscribed: Next's router replaces the
  // history entry when it mounts, which a busy machine may do after the badge is already up.
  await expect(page.getByTestId("live-state")).toHaveText("Live");
  let navigations = 0;
  page.on("framenavigated", () => navigations++);
  await new Promise<void>((r) => server.close(() => r()));
  await expect(badge).toHaveAttribute("data-status", "down");
  expect(navigations).toBe(0);

  // Clean up through the UI.
  await page.goto(`/inventory/services/${slug}`);
  await page.getByRole("button", { name: "Delete…" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Delete", exact: true }).click();
  await expect(page).toHaveURL(/deleted=/);
});
