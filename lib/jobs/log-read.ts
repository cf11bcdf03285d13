import "server-only";
// Reading a job's stored log (JobLogChunk rows, see log-store.ts) back as lines, a page at a time.
import type { Db } from "../db/client";
import { unpackStored } from "../live/log-batch";
import type { LogLine } from "./log-store";

/** Rows read per query: a row holds up to a writer batch of lines (500 by default). */
const ROWS = 64;

/** Lines with seq > after, oldest first, at most `limit`. */
export async function readLog(db: Db, jobId: number, after: number, limit: number): Promise<LogLine[]> {
  const out: LogLine[] = [];
  for (let cursor = after; out.length < limit; ) {
    const rows = await db.jobLogChunk.findMany({
      where: { jobId, lastSeq: { gt: cursor } },
      orderBy: { lastSeq: "asc" },
      take: ROWS,
      select: { firstSeq: true, lastSeq: true, body: true },
    });
    for (const r of rows) {
      for (const l of unpackStored(r.firstSeq, r.body)) {
        if (l.seq > after && out.length < limit) out.push({ seq: l.seq, stream: l.stream, text: l.text, at: new Date(l.at) });
      }
    }
    if (rows.length < ROWS) break;
    cursor = rows[rows.length - 1].lastSeq;
  }
  return out;
}

/** How many lines a job's stored log holds. */
export async function countLogLines(db: Db, jobId: number): Promise<number> {
  const rows = await db.jobLogChunk.findMany({ where: { jobId }, select: { firstSeq: true, lastSeq: true } });
  return rows.reduce((n, r) => n + r.lastSeq - r.firstSeq + 1, 0);
}
