import { expect, test } from "@playwright/test";
import { readdirSync } from "node:fs";
import { join } from "node:path";

// The stylesheet is inlined (experimental.inlineCss): once in a <style> that paints, once in the
// flight payload React needs. A stylesheet imported by the root layout comes a third time, as the
// styles of Next's built-in global-error (vercel/next.js#98110): app/(panel)/layout.tsx imports it
// instead. These tests fail if the root layout, or a page Next renders in it, imports it again.
/** Every page.tsx under `dir`, as paths from the project root. */
function pages(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? pages(join(dir, e.name)) : e.name === "page.tsx" ? [join(dir, e.name)] : [],
  );
}

test.describe("page weight", () => {
  test("every page is in app/(panel), under the layout that brings the stylesheet", () => {
    const outside = pages("app").filter((p) => !p.startsWith(join("app", "(panel)") + "/"));
    expect(outside, "move these pages into app/(panel)/ (same URL): outside it they have no stylesheet").toEqual([]);
  });

  test("the dashboard's HTML carries the stylesheet twice, not three times", async ({ request }) => {
    const html = await (await request.get("/")).text();
    const style = /<style[^>]*data-href="[^"]+\.css"[^>]*>([\s\S]*?)<\/style>/.exec(html);
    expect(style, "an inlined stylesheet").not.toBeNull();
    // A run of the CSS that needs no escaping, to find its copies inside the flight payload's strings.
    const marker = /[a-z-]+:[a-z0-9%.-]+;[a-z-]+:[a-z0-9%.-]+/.exec(style![1])?.[0] ?? "";
    expect(marker.length).toBeGreaterThan(10);
    expect(html.split(marker).length - 1).toBe(2);
  });

  test("an unknown address answers 404 with its own page, and its link leads to a styled dashboard", async ({ page }) => {
    const res = await page.goto("/no/such/page");
    expect(res?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
    await page.getByRole("link", { name: "Back to the dashboard" }).click();
    await expect(page).toHaveURL(/\/$/);
    await expect(page.getByTestId("service-tile").first()).toBeVisible();
    // The panel's stylesheet arrived with the navigation: the body has its background, not the browser's default.
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(background).toBe("rgb(246, 247, 249)"); // --color-bg (light; Playwright's default colour scheme)
  });
});
