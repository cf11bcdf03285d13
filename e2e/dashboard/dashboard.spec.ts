import { expect, test } from "@playwright/test";
import { sidewaysOverflow } from "../fixtures/phone";

const SERVICES = ["Caddy", "Homepage", "Grafana", "VictoriaMetrics", "Loki", "Alloy", "Tailscale", "SSH"];
const MACHINES = ["frame1", "frame1-vm", "installer-iso"];

test.describe("dashboard", () => {
  test("shows the seeded homelab: 8 services in groups and 3 machines", async ({ page }, info) => {
    await page.goto("/");
    const tiles = page.getByTestId("service-tile");
    await expect(tiles).toHaveCount(8);
    for (const name of SERVICES) {
      await expect(tiles.filter({ has: page.getByRole("heading", { name, exact: true }) })).toHaveCount(1);
    }
    const cards = page.getByTestId("machine-card");
    await expect(cards).toHaveCount(3);
    for (const name of MACHINES) await expect(cards.filter({ hasText: name }).first()).toBeVisible();
    for (const group of ["Infrastructure", "Observability", "Network", "Machines"]) {
      await expect(page.getByRole("heading", { name: group, exact: true })).toBeVisible();
    }
    await expect(page.getByTestId("live-state")).toHaveText("Live");
    await page.screenshot({ path: info.outputPath(`dashboard-${info.project.name}.png`), fullPage: true });
  });

  test("every health badge is in the server-rendered HTML", async ({ request }) => {
    const html = await (await request.get("/")).text();
    const badges = html.match(/data-testid="health" data-status="(up|slow|down|unknown)"/g) ?? [];
    // 7 services with checks (Tailscale has none) + 2 machines with SSH addresses.
    expect(badges.length).toBe(9);
  });

  test("search filters services and machines; '/' focuses it, Escape clears", async ({ page }) => {
    await page.goto("/");
    await expect(page.getByTestId("service-tile")).toHaveCount(8);
    await page.locator("body").press("/");
    const search = page.getByRole("searchbox", { name: "Search services and machines" });
    await expect(search).toBeFocused();
    await page.keyboard.type("observ");
    await expect(page.getByTestId("service-tile")).toHaveCount(4);
    await expect(page.getByTestId("machine-card")).toHaveCount(0);
    await search.fill("aarch64");
    await expect(page.getByTestId("service-tile")).toHaveCount(0);
    await expect(page.getByTestId("machine-card")).toHaveCount(1);
    await search.fill("nothing-like-this");
    await expect(page.getByText("Nothing matches “nothing-like-this”.")).toBeVisible();
    await search.press("Escape");
    await expect(page.getByTestId("service-tile")).toHaveCount(8);
  });

  test("arrow keys move between tiles from the search box", async ({ page, isMobile }) => {
    test.skip(isMobile, "keyboard navigation is a desktop feature");
    await page.goto("/");
    const search = page.getByRole("searchbox", { name: "Search services and machines" });
    await search.fill("grafana");
    await search.press("ArrowDown");
    await expect(page.getByRole("link", { name: "Grafana", exact: true })).toBeFocused();
    await page.keyboard.press("ArrowUp");
    await expect(search).toBeFocused();
  });

  test("phone: two columns of compact tiles, no horizontal scroll, large touch targets", async ({ page, isMobile }, info) => {
    test.skip(!isMobile, "phone viewport only");
    await page.goto("/");
    const tiles = page.getByTestId("service-tile");
    await expect(tiles).toHaveCount(8);
    const boxes = await tiles.evaluateAll((els) => els.map((e) => e.getBoundingClientRect().left));
    expect(new Set(boxes.map((x) => Math.round(x))).size).toBe(2);
    expect(await sidewaysOverflow(page)).toBe(0);
    const search = await page.getByRole("searchbox").boundingBox();
    expect(search!.height).toBeGreaterThanOrEqual(44);
    await page.screenshot({ path: info.outputPath("dashboard-phone-full.png"), fullPage: true });
  });

  test("installable: manifest with icons", async ({ request, page }) => {
    await page.goto("/");
    const href = await page.locator('link[rel="manifest"]').getAttribute("href");
    expect(href).toBeTruthy();
    const manifest = await (await request.get(href!)).json();
    expect(manifest.display).toBe("standalone");
    const sizes = manifest.icons.map((i: { sizes: string }) => i.sizes);
    expect(sizes).toEqual(expect.arrayContaining(["192x192", "512x512"]));
    for (const icon of manifest.icons) expect((await request.get(icon.src)).status()).toBe(200);
  });

  test("GET /api/health answers ok", async ({ request }) => {
    const res = await request.get("/api/health");
    expect(res.status()).toBe(200);
    expect(await res.json()).toEqual({ status: "ok", db: "ok" });
  });
});
