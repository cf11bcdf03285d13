// A unit stopped on frame1 turns its dashboard tile red, pushed over socket.io by the shared unit
// poller (real lab host, real systemd, production build, real Chromium). Heals the unit after.
import { expect, test } from "@playwright/test";
import { lab } from "../lab";
import { uiLogin } from "../fixtures/auth";
import { startLabPanel, type LabPanel } from "../fixtures/lab-panel";

const PORT = 3301;
let panel: LabPanel;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  panel = await startLabPanel(PORT, "test-results/e2e-live-units/panel.db");
  await lab.healUnit("frame1", "loki");
});
test.afterAll(async () => {
  await lab.healUnit("frame1", "loki").catch(() => {});
  await panel?.stop();
});

test("a stopped unit turns its tile red within seconds, and green again when it runs", async ({ page }) => {
  test.setTimeout(120_000);
  await page.context().clearCookies();
  await uiLogin(page, panel.url);
  await page.goto(`${panel.url}/`);
  const loki = page.locator('[data-testid="service-tile"][data-slug="loki"]');
  const state = loki.getByTestId("unit-state");
  await expect(state).toHaveAttribute("data-state", "active", { timeout: 15_000 });
  await expect(state).toContainText("active (running)");

  try {
    await lab.run("frame1", ["systemctl", "stop", "loki.service"]);
    const stopped = Date.now();
    await expect(state).toHaveAttribute("data-state", "inactive", { timeout: 10_000 });
    const ms = Date.now() - stopped;
    console.log(`loki stopped on frame1 -> tile red after ${ms} ms`);
    await expect(state).toHaveClass(/color-down/);
    await expect(state).toContainText("inactive");
  } finally {
    await lab.healUnit("frame1", "loki");
  }
  await expect(state).toHaveAttribute("data-state", "active", { timeout: 15_000 });
  // Nothing overflows sideways with the unit states in place (phone viewport too).
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
});
