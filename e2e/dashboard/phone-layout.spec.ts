// The phone view fits (issue 17): on a Pixel 7 the seeded 8 services and 3 machines are on the first
// screen, the header is one row (a menu), no page scrolls sideways, a long unbroken name wraps, and
// why a tile is down shows with a tap. On desktop every tile keeps its detail. Own panel: the
// anonymous dashboard is on, and a service with a long name is added half-way.
import { expect, test, type Page } from "@playwright/test";
import { apiLogin } from "../fixtures/auth";
import { openNav, openTile, sidewaysOverflow } from "../fixtures/phone";
import { startServer, type RunningServer } from "../fixtures/server";
import { E2E_PORT } from "../fixtures/server-env";

// Port 3350 next to the default 3210 (moves with E2E_PORT), clear of the ports other specs fix.
const PORT = E2E_PORT + 140;
const DB = "test-results/e2e-phone-db/panel.db";
const LONG = "Averyveryverylongservicenamewithoutanyspaceorhyphenatall1234";
const SERVICES = ["caddy", "homepage", "grafana", "victoriametrics", "loki", "alloy", "tailscale", "ssh"];
const MACHINES = ["frame1", "frame1-vm", "installer-iso"];
let server: RunningServer;

test.describe.configure({ mode: "serial" });
test.use({ storageState: { cookies: [], origins: [] } });

test.beforeAll(async () => {
  server = await startServer(PORT, DB, { env: { ANONYMOUS_DASHBOARD: "true" } });
});
test.afterAll(async () => {
  await server?.stop();
});

async function dashboard(page: Page, tiles = 8) {
  await page.goto(`${server.url}/`);
  await expect(page.getByTestId("service-tile")).toHaveCount(tiles);
  // Hydrated and subscribed: the layout is the final one.
  await expect(page.getByTestId("live-state")).toHaveText("Live");
}

/** Names of the tiles and cards whose box ends below the first screen. */
async function belowFirstScreen(page: Page, selector: string): Promise<string[]> {
  const height = page.viewportSize()!.height;
  const below: string[] = [];
  for (const el of await page.locator(selector).all()) {
    const box = (await el.boundingBox())!;
    if (box.y + box.height > height) below.push((await el.getAttribute("data-slug")) ?? (await el.getAttribute("data-name"))!);
  }
  return below;
}

/** The header is one row: a menu button beside the title, or every nav link on one line. */
async function headerIsOneRow(page: Page) {
  const header = page.locator("header").first();
  const title = (await header.getByRole("heading", { level: 1 }).boundingBox())!;
  const menu = page.getByTestId("nav-menu");
  if (await menu.isVisible()) {
    const box = (await menu.boundingBox())!;
    expect(box.y).toBeLessThan(title.y + title.height);
    expect(box.y + box.height).toBeGreaterThan(title.y);
    await expect(page.getByTestId("nav-links")).toBeHidden();
    return;
  }
  const tops = await header
    .locator("nav a, nav button")
    .evaluateAll((els) => els.filter((e) => e.getClientRects().length > 0).map((e) => Math.round(e.getBoundingClientRect().top)));
  expect(new Set(tops).size, `nav rows (tops ${tops.join(", ")})`).toBe(1);
}

test("phone, anonymous: all 8 tiles on the first screen, each with icon, name and status; one header row", async ({ page, isMobile }) => {
  test.skip(!isMobile, "phone viewport only");
  await dashboard(page);
  expect(await belowFirstScreen(page, "[data-testid=service-tile]")).toEqual([]);
  for (const slug of SERVICES) {
    const tile = page.locator(`[data-testid=service-tile][data-slug="${slug}"]`);
    await expect(tile.locator("svg").first()).toBeVisible();
    await expect(tile.getByRole("heading")).toBeVisible();
    if (slug !== "tailscale") await expect(tile.getByTestId("health")).toBeVisible();
  }
  await headerIsOneRow(page);
  expect(await sidewaysOverflow(page)).toBe(0);
});

test("phone, logged in: 8 tiles and 3 machines on the first screen; the menu holds the links", async ({ page, isMobile }, info) => {
  test.skip(!isMobile, "phone viewport only");
  await apiLogin(page.request, server.url);
  await dashboard(page);
  await expect(page.getByTestId("machine-card")).toHaveCount(3);
  const shot = await page.screenshot();
  await info.attach("dashboard-pixel7", { body: shot, contentType: "image/png" });
  expect(await belowFirstScreen(page, "[data-testid=service-tile]")).toEqual([]);
  expect(await belowFirstScreen(page, "[data-testid=machine-card]")).toEqual([]);
  await headerIsOneRow(page);
  expect(await sidewaysOverflow(page)).toBe(0);
  await openNav(page);
  for (const name of ["Inventory", "Jobs", "Journal", "Audit", "Users"]) {
    await expect(page.getByRole("link", { name, exact: true })).toBeVisible();
  }
  expect(await sidewaysOverflow(page)).toBe(0);
  await page.getByRole("link", { name: "Audit", exact: true }).click();
  await expect(page).toHaveURL(/\/audit$/);
});

test("phone: every page fits the width; tables keep their important columns on screen", async ({ page, isMobile }) => {
  test.skip(!isMobile, "phone viewport only");
  await apiLogin(page.request, server.url);
  const width = page.viewportSize()!.width;
  const onScreen = async (selector: string) => {
    const boxes = await page.locator(selector).evaluateAll((els) => els.map((e) => e.getBoundingClientRect().right));
    expect(boxes.length).toBeGreaterThan(0);
    for (const right of boxes) expect(right).toBeLessThanOrEqual(width);
  };
  // Pages that talk to a machine (/machines/frame1) render its "unreachable" state here: no lab.
  for (const path of [
    "/inventory",
    "/audit",
    "/journal",
    "/machines/frame1",
    "/jobs",
    "/users",
    "/account",
    "/inventory/import",
    "/services/caddy",
    "/settings/notifications",
  ]) {
    await page.goto(`${server.url}${path}`);
    expect.soft(await sidewaysOverflow(page), `${path} scrolls sideways`).toBe(0);
  }
  await page.goto(`${server.url}/inventory`);
  await onScreen("[data-testid=inventory-machine] [data-col=name], [data-testid=inventory-machine] [data-col=ssh]");
  await onScreen("[data-testid=inventory-service] [data-col=name], [data-testid=inventory-service] [data-col=check]");
  await page.goto(`${server.url}/audit`);
  await onScreen("[data-testid=audit-row] [data-col=when], [data-testid=audit-who], [data-testid=audit-row] [data-col=action]");
  // The unit chooser of the journal is compact: well under half a screen for frame1's 8 units.
  await page.goto(`${server.url}/journal?machine=frame1`);
  const units = (await page.getByTestId("journal-units").boundingBox())!;
  expect(units.height).toBeLessThan(page.viewportSize()!.height / 3);
  // ... and none of them is scrolled out of its box.
  const chips = page.getByTestId("journal-unit-chips");
  expect(await chips.evaluate((e) => e.scrollHeight - e.clientHeight)).toBe(0);
  await expect(page.getByRole("checkbox", { name: "caddy.service" })).toBeChecked();
});

test("a 60-character unbroken service name wraps: no page widens, the whole name is shown", async ({ page }) => {
  expect(LONG).toHaveLength(60);
  await apiLogin(page.request, server.url);
  await page.goto(`${server.url}/inventory/services/new`);
  await page.getByLabel("Name", { exact: true }).fill(LONG);
  await page.getByLabel("Id").fill("long-name");
  await page.getByLabel("Group").fill("Infrastructure");
  await page.getByLabel("Machine").selectOption("frame1");
  await page.getByLabel("systemd unit").fill("long-name.service");
  await page.getByLabel("Kind").selectOption("tcp");
  await page.getByLabel("Target").fill("127.0.0.1:1");
  await page.getByRole("button", { name: "Add service" }).click();
  await expect(page.getByRole("status")).toHaveText("Saved long-name.");
  // Pages that show the name, then pages that list the service by its unit (the machine page
  // without the lab shows the machine unreachable, so no units).
  for (const path of [
    "/",
    "/inventory",
    "/inventory/services/long-name",
    "/services/long-name",
    "/machines/frame1",
    "/journal?machine=frame1",
  ]) {
    await page.goto(`${server.url}${path}`);
    if (!path.startsWith("/machines") && !path.startsWith("/journal")) await expect(page.getByText(LONG).first()).toBeVisible();
    expect.soft(await sidewaysOverflow(page), `${path} scrolls sideways`).toBe(0);
  }
  await page.goto(`${server.url}/`);
  await expect(page.locator("[data-slug=long-name]").getByRole("heading")).toHaveText(LONG);
});

test("phone: why a tile is down shows after a tap, and from the keyboard", async ({ page, isMobile }) => {
  test.skip(!isMobile, "phone viewport only");
  await apiLogin(page.request, server.url);
  await dashboard(page, 9);
  const tile = page.locator("[data-testid=service-tile][data-slug=long-name]");
  const badge = tile.getByTestId("health");
  await expect(badge).toHaveAttribute("data-status", "down");
  const reason = tile.getByTestId("health-reason");
  await expect(reason).toBeHidden();
  // Its uptime (health history) is in the details too.
  await expect(tile.getByTestId("tile-uptime")).toBeHidden();
  await tile.tap();
  await expect(reason).toBeVisible();
  await expect(tile.getByTestId("tile-uptime")).toBeVisible();
  const detail = (await badge.getAttribute("title"))!.replace(/ \(checked .*\)$/, "");
  expect(detail.length).toBeGreaterThan(0);
  await expect(reason).toContainText(detail);
  const toggle = tile.getByTestId("tile-toggle");
  await toggle.focus();
  await page.keyboard.press("Enter");
  await expect(reason).toBeHidden();
  await page.keyboard.press("Enter");
  await expect(reason).toBeVisible();
  // Its journal and service links are in the opened details.
  await openTile(page.locator("[data-testid=service-tile][data-slug=caddy]"));
  await expect(page.locator("[data-slug=caddy] [data-testid=tile-journal]")).toBeVisible();
});

test("desktop: every tile keeps its detail, and why a tile is down is shown on it", async ({ page, isMobile }, info) => {
  test.skip(isMobile, "desktop viewport only");
  await apiLogin(page.request, server.url);
  await page.goto(`${server.url}/`);
  await expect(page.getByTestId("live-state")).toHaveText("Live");
  await info.attach("dashboard-desktop", { body: await page.screenshot({ fullPage: true }), contentType: "image/png" });
  for (const slug of SERVICES) {
    const tile = page.locator(`[data-testid=service-tile][data-slug="${slug}"]`);
    await expect(tile.getByTestId("tile-toggle")).toBeHidden();
    await expect(tile.getByTestId("tile-description")).toBeVisible();
    await expect(tile.getByTestId("unit-state")).toBeVisible();
    await expect(tile.getByTestId("tile-journal")).toBeVisible();
  }
  await expect(page.locator("[data-slug=homepage]")).toContainText("local.kaifer.dev");
  await expect(page.locator("[data-slug=caddy]")).toContainText("80/tcp, 443/tcp");
  for (const name of MACHINES) {
    const card = page.locator(`[data-testid=machine-card][data-name="${name}"]`);
    await expect(card.getByTestId("machine-detail")).toBeVisible();
  }
  await expect(page.locator("[data-testid=machine-card][data-name=frame1]")).toContainText("x86_64-linux · production");
  const down = page.locator("[data-testid=service-tile][data-slug=long-name]");
  await expect(down.getByTestId("health")).toHaveAttribute("data-status", "down");
  await expect(down.getByTestId("health-reason")).toBeVisible();
  // Its uptime (health history) and latency line are on the tile itself.
  await expect(down.getByTestId("tile-uptime")).toBeVisible();
  await headerIsOneRow(page);
});
