import { expect, test, type Page, type Request } from "@playwright/test";

// Idle pages ask nothing: what changes on the server reaches the browser over the page's socket
// (machine:jobs, job:update, job:lines), never by polling. bench:dashboard measures this for "/";
// here the machine page and a job page. The page's clock is run ahead (Playwright's fake timers),
// so every interval the page set fires as often as it would in that time, without waiting for it.
// No lab: frame1's SSH host does not resolve here, so a job on it fails at once.

const AHEAD_MS = 20_000; // less than socket.io's heartbeat timeout, so the socket stays up

async function finishedJob(page: Page): Promise<number> {
  const base = test.info().project.use.baseURL!;
  const res = await page.request.post(`${base}/api/machines/frame1/jobs`, { data: { kind: "validate" }, headers: { origin: base } });
  expect(res.status(), await res.text()).toBe(200);
  const { job } = (await res.json()) as { job: { id: number } };
  await expect
    .poll(async () => ((await (await page.request.get(`${base}/api/jobs/${job.id}`)).json()) as { job: { status: string } }).job.status, {
      timeout: 30_000,
    })
    .toMatch(/^(succeeded|failed|cancelled|interrupted|rolled-back)$/);
  return job.id;
}

/** What the page sends over HTTP while its clock runs AHEAD_MS ahead, after it settled. */
async function sentWhileIdle(page: Page): Promise<string[]> {
  await page.waitForLoadState("networkidle");
  const sent: string[] = [];
  const onRequest = (r: Request) => sent.push(`${r.method()} ${new URL(r.url()).pathname}${new URL(r.url()).search}`);
  page.on("request", onRequest);
  await page.clock.runFor(AHEAD_MS);
  // A request of the test's own, started after everything the page's timers started: once its
  // answer is back, every request sent before it has been reported.
  expect(await page.evaluate(() => fetch("/api/health").then((r) => r.status))).toBe(200);
  page.off("request", onRequest);
  return sent.filter((s) => s !== "GET /api/health");
}

test.describe("idle pages make no HTTP requests", () => {
  test("a machine page", async ({ page }) => {
    await finishedJob(page); // so no job of the machine changes while it is watched
    await page.clock.install();
    await page.goto("/machines/frame1");
    await expect(page.getByRole("heading", { name: "frame1", exact: true })).toBeVisible();
    await expect(page.getByRole("button", { name: "Validate" })).toBeEnabled();
    expect(await sentWhileIdle(page)).toEqual([]);
  });

  test("a job page, whose log viewer shows the job's own lines", async ({ page }) => {
    const id = await finishedJob(page);
    await page.clock.install();
    await page.goto(`/jobs/${id}`);
    await expect(page.getByTestId("live-state")).toHaveText("Live");
    await expect(page.getByTestId("job-status")).toHaveAttribute("data-status", "failed");
    // The viewer got the stored log over the socket: the runner's verdict is its last line.
    const viewer = page.getByTestId("log-viewer");
    await expect(viewer).not.toHaveAttribute("data-lines", "0");
    await page.getByRole("searchbox", { name: "Search the log" }).fill("failed:");
    await expect(page.getByTestId("search-counter")).toHaveText(/^[1-9][0-9]* match(es)?$/);
    expect(await sentWhileIdle(page)).toEqual([]);
  });
});
