import { expect, test, type Page, type WebSocketRoute } from "@playwright/test";
import { lab } from "../lab";
import { startLabPanel, type LabPanel } from "../fixtures/lab-panel";
import { counters, loggedIn, startJobFromPage, storedSeqs } from "./viewer-helpers";

// Live job logs and journals over the real socket.io server, real SSH and the lab's frame2
// (its "slow" variant prints one line a second while it builds).
const PORT = 3312;
let panel: LabPanel;

test.describe.configure({ mode: "serial" });
test.beforeAll(async () => {
  test.setTimeout(180_000);
  panel = await startLabPanel(PORT, "test-results/e2e-live-stream-db/panel.db");
});
test.afterAll(async () => {
  await panel?.stop();
  await lab.setVariant("frame2", "base", { buildHost: "frame2" });
});

/** A fresh store path on frame2 that takes `seconds` to build, printing a line a second. */
async function slowBuildVariant(seconds: number) {
  await lab.setVariant("frame2", "slow", { buildHost: "frame2", extra: [`nonce=viewer${Date.now()}`, `seconds=${seconds}`] });
}

const status = (page: Page) => page.getByTestId("job-status");

async function expectAllSeqs(page: Page, seqs: number[]) {
  expect(seqs.length).toBeGreaterThan(20);
  expect(seqs).toEqual(seqs.map((_, i) => i + 1)); // the stored log itself is 1..n
  await expect
    .poll(() => counters(page), { timeout: 15_000 })
    .toMatchObject({
      received: seqs.length,
      lastSeq: seqs.length,
      lines: seqs.length,
      repeats: 0,
      gaps: 0,
    });
}

/** Status and lines received, read in one go (so "received while running" is one observation). */
async function snap(page: Page): Promise<{ status: string; received: number; current: string }> {
  return page.evaluate(() => ({
    status: document.querySelector("[data-testid=job-status]")?.getAttribute("data-status") ?? "",
    received: Number(document.querySelector("[data-testid=log-viewer]")?.getAttribute("data-received") ?? 0),
    current: document.querySelector("[data-testid=build-current]")?.textContent ?? "",
  }));
}

/** Waits until the page has received more than `than` lines while the job is still running. */
async function receivesWhileRunning(page: Page, than: number): Promise<number> {
  let seen = 0;
  await expect
    .poll(
      async () => {
        const s = await snap(page);
        expect(s.status, "the job ended before the page saw it stream").toMatch(/queued|running/);
        seen = s.received;
        return s.status === "running" && s.received > than;
      },
      { timeout: 120_000 },
    )
    .toBe(true);
  return seen;
}

test("a job started in one page streams into a second page; both see the same sequence numbers", async ({ browser }) => {
  test.setTimeout(400_000);
  await slowBuildVariant(30);
  const one = await loggedIn(browser, panel.url);
  const two = await loggedIn(browser, panel.url);
  await one.page.goto(`${panel.url}/jobs`);
  const id = await startJobFromPage(one.page, "frame2", "build");
  await one.page.goto(`${panel.url}/jobs/${id}`);
  await two.page.goto(`${panel.url}/jobs/${id}`);

  // Both pages receive lines while the job runs (live, not a replay of a finished log), and the
  // second page shows the derivation being built above the log.
  const first = await receivesWhileRunning(two.page, 0);
  await expect(two.page.getByText(/compiling slow-package part \d+/).first()).toBeVisible({ timeout: 120_000 });
  await receivesWhileRunning(two.page, Math.max(first, (await snap(two.page)).received));
  expect((await snap(two.page)).current).toContain("nixos-system-frame2");
  await receivesWhileRunning(one.page, 0);

  await expect(status(one.page)).toHaveAttribute("data-status", "succeeded", { timeout: 240_000 });
  await expect(status(two.page)).toHaveAttribute("data-status", "succeeded", { timeout: 30_000 });
  const seqs = await storedSeqs(one.page, panel.url, id);
  await expectAllSeqs(one.page, seqs);
  await expectAllSeqs(two.page, seqs);
  // Build progress: every expected derivation built.
  const progress = two.page.getByTestId("build-progress");
  await expect(progress).toHaveAttribute("data-expected", /^[1-9]/);
  expect(await progress.getAttribute("data-done")).toBe(await progress.getAttribute("data-expected"));
  await one.context.close();
  await two.context.close();
});

test("killing the socket mid-stream and reconnecting loses and repeats nothing", async ({ browser }) => {
  test.setTimeout(400_000);
  await slowBuildVariant(30);
  const { context, page } = await loggedIn(browser, panel.url);
  const sockets: WebSocketRoute[] = [];
  await context.routeWebSocket(/\/socket\.io\//, (ws) => {
    ws.connectToServer();
    sockets.push(ws);
  });
  await page.goto(`${panel.url}/jobs`);
  const id = await startJobFromPage(page, "frame2", "build");
  await page.goto(`${panel.url}/jobs/${id}`);

  let received = await receivesWhileRunning(page, 0);
  for (let kill = 0; kill < 2; kill++) {
    // Mid-stream: some lines are in, more are coming. The page side of the socket is closed.
    const before = sockets.length;
    await sockets.at(-1)!.close({ code: 4000, reason: "killed by the test" });
    await expect.poll(() => sockets.length, { timeout: 30_000 }).toBeGreaterThan(before);
    received = await receivesWhileRunning(page, received);
  }
  await expect(status(page)).toHaveAttribute("data-status", "succeeded", { timeout: 240_000 });
  const seqs = await storedSeqs(page, panel.url, id);
  await expectAllSeqs(page, seqs);
  await context.close();
});

test("a journal filtered to priority err shows only error entries", async ({ browser }) => {
  test.setTimeout(120_000);
  const tag = `t${Date.now()}`;
  const unit = `paneltest-${tag}.service`;
  const { context, page } = await loggedIn(browser, panel.url);
  await page.goto(`${panel.url}/journal?machine=frame2&unit=${unit}&priority=3&since=-5min`);
  await expect(page.getByTestId("journal-state")).toHaveAttribute("data-state", "streaming", { timeout: 30_000 });
  // A transient unit whose output carries syslog priority prefixes (journald reads <N>).
  const script = ["info", "err", "warning", "notice", "err"]
    .map((p, i) => `echo '<${{ info: 6, err: 3, warning: 4, notice: 5 }[p]}>paneltest ${p} ${i} ${tag}'`)
    .join("; ");
  const r = await lab.exec("frame2", ["systemd-run", `--unit=${unit}`, "/bin/sh", "-c", `${script}; sleep 1`], "root");
  expect(r.code, r.stderr).toBe(0);

  const rows = page.getByTestId("log-row").filter({ hasText: tag });
  await expect(rows).toHaveCount(2, { timeout: 30_000 });
  await expect(rows.nth(0)).toContainText(`paneltest err 1 ${tag}`);
  await expect(rows.nth(1)).toContainText(`paneltest err 4 ${tag}`);
  for (const level of await rows.evaluateAll((els) => els.map((e) => e.getAttribute("data-level")))) expect(level).toBe("error");
  await expect(page.getByTestId("log-row").filter({ hasText: /paneltest (info|warning|notice)/ })).toHaveCount(0);
  await context.close();
});
