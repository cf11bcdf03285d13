import { expect, test } from "@playwright/test";
import { useProbeService } from "../fixtures/probe-service";

const addProbe = useProbeService();

// A real TCP service on loopback that the panel checks; closing it must turn the badge red
// on an open page without a reload (pushed over socket.io).
test("a health badge changes without reload when the service goes down", async ({ page }) => {
  const { probe, slug } = await addProbe(page, "probe", "Probe");

  await page.goto("/");
  const badge = page.locator(`[data-slug="${slug}"] [data-testid=health]`);
  await expect(badge).toHaveAttribute("data-status", /up|slow/);
  // Count navigations only once the page is hydrated and subscribed: Next's router replaces the
  // history entry when it mounts, which a busy machine may do after the badge is already up.
  await expect(page.getByTestId("live-state")).toHaveText("Live");
  let navigations = 0;
  page.on("framenavigated", () => navigations++);
  await probe.stop();
  await expect(badge).toHaveAttribute("data-status", "down");
  expect(navigations).toBe(0);
});
