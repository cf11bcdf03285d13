import { expect, test } from "@playwright/test";
import { useProbeService } from "../fixtures/probe-service";

const addProbe = useProbeService();

// Health history end to end: a real TCP service on loopback that the panel checks every second is
// stopped and started again. Its tile shows uptime figures; its history page (linked from the
// tile) lists the outage as an incident with its error and length, and the 24 h uptime is below 100%.
// Nothing waits on the clock: every step waits for what the panel shows.
test("a tile shows uptime, and the service page lists an outage as an incident", async ({ page }) => {
  const { probe, slug, port } = await addProbe(page, "history", "History");

  // The first rounds reach the history: the figures are in the server-rendered tile.
  const tile = page.locator(`[data-slug="${slug}"]`);
  await expect(async () => {
    await page.goto("/");
    await expect(tile.getByTestId("tile-uptime")).toContainText("100% 24 h", { timeout: 500 });
  }).toPass();
  await expect(tile.getByTestId("tile-uptime")).toBeVisible();

  const badge = tile.getByTestId("health");
  await probe.stop();
  await expect(badge).toHaveAttribute("data-status", "down");
  await probe.start(); // the same port again
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
});
