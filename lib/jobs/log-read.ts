import "server-only";
// Reading a job's stored log (JobLogChunk rows, see log-store.ts) back as lines, a page at a time.
import type { Db } from "../db/client";
import { unpackStored, type LineBatch } from "../wire/log-batch";
import type { LogLine, LogStream } from "./log-store";

/** Lines with seq > after, oldest first, at most `limit`. Reads only the rows that hold them. */
export async function readLog(db: Db, jobId: number, after: number, limit: number): Promise<LogLine[]> {
  const out: LogLine[] = [];
  for (let cursor = after; out.length < limit;) {
    // Rows hold consecutive seqs, so these are exactly the rows covering (cursor, cursor + wanted].
    const wanted = limit - out.length;
    let rows = await db.jobLogChunk.findMany({
      where: { jobId, lastSeq: { gt: cursor }, firstSeq: { lte: cursor + wanted } },
      orderBy: { lastSeq: "asc" },
      select: { firstSeq: true, lastSeq: true, body: true },
    });
    // A gap in the numbering (not written by this panel, but possible in a hand-edited database):
    // go on from the next row there is.
    if (rows.length === 0)
      rows = await db.jobLogChunk.findMany({
        where: { jobId, lastSeq: { gt: cursor } },
        orderBy: { lastSeq: "asc" },
        take: 1,
        select: { firstSeq: true, lastSeq: true, body: true },
      });
    if (rows.length === 0) break;
    const before = out.length;
    for (const r of rows) {
      for (const l of unpackStored(r.firstSeq, r.body)) {
        if (l.seq > cursor && out.length < limit) out.push({ seq: l.seq, stream: l.stream, text: l.text, at: new Date(l.at) });
      }
    }
    cursor = out.length > before ? out[out.length - 1].seq : rows[rows.length - 1].lastSeq;
  }
  return out;
}

/** How many lines a job's stored log holds (of one stream, when given), without making the lines. */
export async function countLogLines(db: Db, jobId: number, stream?: LogStream): Promise<number> {
  const rows = await db.jobLogChunk.findMany({
    where: { jobId },
    select: { firstSeq: true, lastSeq: true, body: stream ? true : undefined },
  });
  let n = 0;
  for (const r of rows) {
    if (!stream) n += r.lastSeq - r.firstSeq + 1;
    else for (const [s, count] of (JSON.parse(r.body) as Pick<LineBatch, "streams">).streams) if (s === stream) n += count;
  }
  return n;
}
