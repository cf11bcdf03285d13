import { createServer, type Server } from "node:net";
import { expect, test } from "@playwright/test";

// Health history end to end: a real TCP service on loopback that the panel checks every second is
// stopped and started again. Its tile shows uptime figures; its history page (linked from the
// tile) lists the outage as an incident with its error and length, and the 24 h uptime is below 100%.
// Nothing waits on the clock: every step waits for what the panel shows.
test("a tile shows uptime, and the service page lists an outage as an incident", async ({ page }) => {
  let server: Server = createServer((s) => s.end());
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const port = (server.address() as { port: number }).port;
  const slug = `history-${port}`;

  await page.goto("/inventory/services/new");
  await page.getByLabel("Name", { exact: true }).fill(`History ${port}`);
  await page.getByLabel("Id").fill(slug);
  await page.getByLabel("Group").fill("Probes");
  await page.getByLabel("Kind").selectOption("tcp");
  await page.getByLabel("Target").fill(`127.0.0.1:${port}`);
  await page.getByRole("button", { name: "Add service" }).click();
  await expect(page).toHaveURL(/\/inventory\?saved=/);

  // The first rounds reach the history: the figures are in the server-rendered tile.
  const tile = page.locator(`[data-slug="${slug}"]`);
  await expect(async () => {
    await page.goto("/");
    await expect(tile.getByTestId("tile-uptime")).toContainText("100% 24 h", { timeout: 500 });
  }).toPass();
  await expect(tile.getByTestId("tile-uptime")).toBeVisible();

  const badge = tile.getByTestId("health");
  await new Promise<void>((r) => server.close(() => r()));
  await expect(badge).toHaveAttribute("data-status", "down");
  server = createServer((s) => s.end());
  await new Promise<void>((r) => server.listen(port, "127.0.0.1", r));
  await expect(badge).toHaveAttribute("data-status", /up|slow/);

  await tile.getByTestId("tile-history").click();
  await expect(page).toHaveURL(`/services/${slug}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`History ${port}`);
  const incident = page.getByTestId("incident").first();
  await expect(incident).toContainText("connection refused");
  await expect(incident).toHaveAttribute("data-open", "false");
  await expect(incident.locator("td").nth(2)).toHaveText(/^\d+ s$|min/);
  const day = page.getByTestId("service-uptime").locator("dd").first();
  await expect(day).toHaveText(/^\d{1,2}(\.\d+)?%$/); // below 100%

  await new Promise<void>((r) => server.close(() => r()));
  await page.goto(`/inventory/services/${slug}`);
  await page.getByRole("button", { name: "Delete…" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Delete", exact: true }).click();
  await expect(page).toHaveURL(/deleted=/);
});
