import "server-only";
// Appends job log lines straight through better-sqlite3: a chatty build produces hundreds of
// thousands of lines per second. Each batch the log writer commits becomes ONE row of the
// JobLogChunk table (lines packed as in lib/live/log-batch.ts), in one synchronous statement that is
// never held across an await, so it cannot deadlock with Prisma's connection; when Prisma holds
// the write lock the batch is retried by the caller. Its own connection, WAL mode.
import Database from "better-sqlite3";
import { databaseFile } from "../env";
import { lastSeqOf, packLines, storedBody } from "../wire/log-batch";

export type LogStream = "stdout" | "stderr" | "system";
export type LogLine = { seq: number; stream: LogStream; text: string; at: Date };

function isBusy(err: unknown): boolean {
  const code = (err as { code?: string }).code ?? "";
  return code === "SQLITE_BUSY" || code.startsWith("SQLITE_BUSY_") || code === "SQLITE_LOCKED";
}

export class LogStore {
  private readonly db: Database.Database;
  private readonly insert: Database.Statement<[number, number, number, string]>;

  constructor(databaseUrl: string) {
    this.db = new Database(databaseFile(databaseUrl), { timeout: 0 });
    try {
      this.db.pragma("journal_mode = WAL");
    } catch (err) {
      if (!isBusy(err)) throw err; // another connection is mid-transaction: keep the current mode
    }
    this.db.pragma("synchronous = NORMAL");
    this.insert = this.db.prepare(`INSERT INTO "JobLogChunk" ("jobId", "lastSeq", "firstSeq", "body") VALUES (?, ?, ?, ?)`);
  }

  /** Writes the lines (consecutive seqs) as one row. False (nothing written) when the database is busy. */
  tryAppend(jobId: number, lines: readonly LogLine[]): boolean {
    if (lines.length === 0) return true;
    const batch = packLines(lines);
    try {
      this.insert.run(jobId, lastSeqOf(batch), batch.first, storedBody(batch));
      return true;
    } catch (err) {
      if (isBusy(err)) return false;
      throw err;
    }
  }

  /** The highest sequence number stored for a job (0 when none). */
  lastSeq(jobId: number): number {
    const row = this.db.prepare(`SELECT MAX("lastSeq") AS "seq" FROM "JobLogChunk" WHERE "jobId" = ?`).get(jobId) as { seq: number | null };
    return row.seq ?? 0;
  }

  close(): void {
    this.db.close();
  }
}
