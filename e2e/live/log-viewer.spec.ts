import { expect, test, type Page } from "@playwright/test";
import { resolve } from "node:path";
import { startLabPanel, type LabPanel } from "../fixtures/lab-panel";
import { openNav, openTile } from "../fixtures/phone";
import { counters, loggedIn, startJobFromPage, writeBigLog } from "./viewer-helpers";

// The log viewer against a production panel aimed at the lab (frame2 builds its own system).
const PORT = 3311;
const DB = "test-results/e2e-viewer-db/panel.db";
let panel: LabPanel;

test.describe.configure({ mode: "serial" });
test.beforeAll(async () => {
  test.setTimeout(180_000);
  panel = await startLabPanel(PORT, DB);
});
test.afterAll(async () => {
  await panel?.stop();
});

/** The first row of the line with this seq (a wrapped line has more rows). */
const row = (page: Page, seq: number) => page.locator(`[data-testid=log-row][data-seq="${seq}"][data-part="0"]`);

async function waitForStatus(page: Page, status: RegExp, timeout = 120_000) {
  await expect(page.getByTestId("job-status")).toHaveAttribute("data-status", status, { timeout });
}

async function finishedJob(page: Page, kind: string): Promise<number> {
  await page.goto(`${panel.url}/jobs`);
  const id = await startJobFromPage(page, "frame2", kind);
  await page.goto(`${panel.url}/jobs/${id}`);
  await waitForStatus(page, /succeeded/);
  return id;
}

test("the jobs list starts empty, then links to a job; a service tile opens its unit's journal", async ({ browser, isMobile }) => {
  test.setTimeout(120_000);
  const { context, page } = await loggedIn(browser, panel.url, isMobile);
  await page.goto(`${panel.url}/`);
  await openNav(page);
  await page.getByRole("link", { name: "Jobs", exact: true }).click();
  await expect(page.getByTestId("jobs-empty")).toBeVisible();
  const id = await startJobFromPage(page, "frame2", "generations");
  await page.reload();
  await page.locator(`[data-testid=job-row][data-id="${id}"]`).getByRole("link").click();
  await expect(page).toHaveURL(new RegExp(`/jobs/${id}$`));
  await expect(page.getByTestId("job-kind")).toHaveText("generations");
  await expect(page.getByTestId("job-status")).toHaveAttribute("data-status", "succeeded", { timeout: 60_000 });

  await page.goto(`${panel.url}/`);
  const link = page.locator("[data-slug=caddy] [data-testid=tile-journal]");
  const machine = (await link.getAttribute("href"))!.match(/machine=([a-z0-9-]+)/)![1];
  await openTile(page.locator("[data-slug=caddy]"));
  await link.click();
  await expect(page).toHaveURL(new RegExp(`/journal\\?machine=${machine}&unit=caddy\\.service$`));
  await expect(page.getByRole("checkbox", { name: "caddy.service" })).toBeChecked();
  await expect(page.getByLabel("Machine")).toHaveValue(machine);
  await expect(page.getByTestId("log-viewer")).toBeVisible();
  // A hostile filter is refused by field, and nothing is subscribed.
  await page.goto(`${panel.url}/journal?machine=frame2&unit=${encodeURIComponent("-H evil.service")}&since=${encodeURIComponent("$(id)")}`);
  await expect(page.getByTestId("journal-field-error")).toHaveCount(2);
  await expect(page.getByTestId("log-viewer")).toHaveCount(0);
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(true);
  await context.close();
});

test("a 200,000-line stored log renders, searches, jumps deep and filters with a bounded DOM", async ({ browser, isMobile }) => {
  test.setTimeout(240_000);
  const { context, page } = await loggedIn(browser, panel.url, isMobile);
  const id = await finishedJob(page, "generations");
  const N = 200_000;
  writeBigLog(resolve(DB), id, N, (seq) =>
    seq % 1000 === 0
      ? { stream: "stderr", text: `\u001b[31mneedle\u001b[0m at ${seq}: something went wrong` }
      : {
          stream: "stdout",
          text:
            seq === 187_654 ? `deep-marker ${seq}` : `line ${seq} compiling module ${seq % 977} of the big build with some padding text`,
        },
  );

  await page.goto(`${panel.url}/jobs/${id}`);
  const viewer = page.getByTestId("log-viewer");
  await expect(viewer).toHaveAttribute("data-lines", String(N), { timeout: 120_000 });
  // Follows the tail: the last line is on screen; only a window of rows is in the DOM.
  await expect(row(page, N)).toBeVisible();
  expect(await page.getByTestId("log-row").count()).toBeLessThan(200);
  const c = await counters(page);
  expect(c).toMatchObject({ received: N, repeats: 0, gaps: 0, lastSeq: N });

  const search = page.getByRole("searchbox", { name: "Search the log" });
  await page.getByTestId("log-scroll").click();
  await page.keyboard.press(isMobile ? "Control+f" : "/");
  await expect(search).toBeFocused();
  await search.fill("needle");
  await expect(page.getByTestId("search-counter")).toHaveText("200 matches");
  await search.press("Enter");
  await expect(page.getByTestId("search-counter")).toHaveText(/^\d+ of 200$/);
  await search.fill("deep-marker");
  await search.press("Enter");
  await expect(page.getByTestId("search-counter")).toHaveText("1 of 1");
  const deep = row(page, 187_654);
  await expect(deep).toBeVisible();
  await expect(deep.locator("[data-mark=current]")).toHaveText("deep-marker");
  await expect(viewer).toHaveAttribute("data-follow", "0");
  // Context is kept: the neighbours of the match are shown too.
  await expect(row(page, 187_653)).toBeVisible();

  // Previous/next wrap around; the counter follows.
  await search.fill("needle");
  await search.press("Shift+Enter");
  await search.press("Shift+Enter");
  await expect(page.getByTestId("search-counter")).toHaveText(/^\d+ of 200$/);

  // Filter mode: only matching lines, still windowed.
  await page.getByRole("button", { name: "Only matches" }).click();
  await expect(viewer).toHaveAttribute("data-shown", "200");
  expect(await page.getByTestId("log-row").count()).toBeLessThan(200);
  const rows = page.locator("[data-testid=log-row][data-part='0']");
  for (const text of await rows.allTextContents()) expect(text).toContain("needle");
  await expect(rows.first()).toHaveAttribute("data-level", "stderr");
  await page.getByRole("button", { name: "Only matches" }).click();
  await expect(viewer).toHaveAttribute("data-shown", String(N));

  // Escape clears the search. At the tail the view follows; scrolling up pauses it and
  // "Jump to live" resumes following.
  await search.press("Escape");
  await expect(page.getByTestId("search-counter")).toHaveText("");
  const box = page.getByTestId("log-scroll");
  await box.evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
  await expect(viewer).toHaveAttribute("data-follow", "1");
  await expect(page.getByRole("button", { name: /Jump to live/ })).toHaveCount(0);
  await box.evaluate((el) => el.scrollBy({ top: -2000 }));
  await expect(viewer).toHaveAttribute("data-follow", "0");
  await page.getByRole("button", { name: /Jump to live/ }).click();
  await expect(viewer).toHaveAttribute("data-follow", "1");
  await expect(row(page, N)).toBeVisible();

  // No horizontal scrolling of the page itself (phone).
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(true);

  // The full raw log downloads as text.
  const dl = await context.request.get(`${panel.url}/api/jobs/${id}/log/download`);
  expect(dl.status()).toBe(200);
  expect(dl.headers()["content-type"]).toMatch(/^text\/plain/);
  expect(dl.headers()["content-disposition"]).toMatch(/^attachment; filename="job-\d+-generations-frame2\.log"$/);
  const body = await dl.text();
  expect(body.split("\n").length - 1).toBe(N);
  expect(body).toContain("\u001b[31mneedle\u001b[0m at 1000:");
  await context.close();
});
