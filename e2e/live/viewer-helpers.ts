// Shared steps of the log viewer specs: a logged-in browser context on the lab panel, starting a
// job from the browser, reading a viewer's sequence counters, the stored log through the API.
import { expect, type Browser, type BrowserContext, type Page } from "@playwright/test";
import Database from "better-sqlite3";
import { lastSeqOf, packLines, storedBody, type PlainLine } from "../../lib/wire/log-batch";
import { apiLogin } from "../fixtures/auth";

export async function loggedIn(browser: Browser, base: string, isMobile = false): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] }, ...(isMobile ? {} : {}) });
  await apiLogin(context.request, base);
  return { context, page: await context.newPage() };
}

/** POSTs a job from the page itself (same origin, the page's session), like a button would. */
export async function startJobFromPage(page: Page, machine: string, kind: string): Promise<number> {
  const res = await page.evaluate(
    async ([m, k]) => {
      const r = await fetch(`/api/machines/${m}/jobs`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ kind: k, args: {} }),
      });
      return { status: r.status, body: await r.text() };
    },
    [machine, kind] as const,
  );
  expect(res.status, res.body).toBe(200);
  return (JSON.parse(res.body) as { job: { id: number } }).job.id;
}

export type ViewerCounters = { lines: number; received: number; repeats: number; gaps: number; lastSeq: number };

export async function counters(page: Page): Promise<ViewerCounters> {
  const v = page.getByTestId("log-viewer");
  const n = async (name: string) => Number(await v.getAttribute(`data-${name}`));
  return {
    lines: await n("lines"),
    received: await n("received"),
    repeats: await n("repeats"),
    gaps: await n("gaps"),
    lastSeq: await n("stat-last-seq"),
  };
}

/** Every stored seq of a job, through the API. */
export async function storedSeqs(page: Page, base: string, jobId: number): Promise<number[]> {
  const seqs: number[] = [];
  for (let after = 0; ;) {
    const res = await page.context().request.get(`${base}/api/jobs/${jobId}/log?after=${after}&limit=5000`);
    expect(res.status()).toBe(200);
    const body = (await res.json()) as { lines: { seq: number }[]; next: number };
    seqs.push(...body.lines.map((l) => l.seq));
    if (body.lines.length < 5000) return seqs;
    after = body.next;
  }
}

/** Replaces a finished job's stored log with `count` generated lines, straight into SQLite. */
export function writeBigLog(dbFile: string, jobId: number, count: number, line: (seq: number) => { stream: string; text: string }): void {
  const db = new Database(dbFile, { timeout: 10_000 });
  try {
    db.prepare(`DELETE FROM "JobLogChunk" WHERE "jobId" = ?`).run(jobId);
    const insert = db.prepare(`INSERT INTO "JobLogChunk" ("jobId", "lastSeq", "firstSeq", "body") VALUES (?, ?, ?, ?)`);
    const at = Date.now();
    db.transaction(() => {
      // Rows of 500 lines, as the panel's log writer stores them (lib/jobs/log-store.ts).
      for (let first = 1; first <= count; first += 500) {
        const lines = [];
        for (let seq = first; seq <= Math.min(count, first + 499); seq++) lines.push({ seq, at, ...line(seq) } as PlainLine);
        const batch = packLines(lines);
        insert.run(jobId, lastSeqOf(batch), first, storedBody(batch));
      }
    })();
  } finally {
    db.close();
  }
}
