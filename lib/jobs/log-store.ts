import "server-only";
// Appends job log lines straight through better-sqlite3: a chatty build produces tens of thousands
// of lines per second, far more than Prisma's query engine writes. Its own connection, WAL mode,
// one synchronous transaction per batch (never held across an await, so it cannot deadlock with
// Prisma's connection); when Prisma holds the write lock the batch is retried by the caller.
import Database from "better-sqlite3";
import { databaseFile } from "../env";

export type LogStream = "stdout" | "stderr" | "system";
export type LogLine = { seq: number; stream: LogStream; text: string; at: Date };

type Row = [number, number, string, string, string];
const CHUNK = 100;

function isBusy(err: unknown): boolean {
  const code = (err as { code?: string }).code ?? "";
  return code === "SQLITE_BUSY" || code.startsWith("SQLITE_BUSY_") || code === "SQLITE_LOCKED";
}

/** Prisma stores DateTime in SQLite as ISO text with "+00:00"; write the same so it reads back. */
let lastDate: Date | null = null;
let lastIso = "";
function isoOf(d: Date): string {
  if (d !== lastDate) {
    lastDate = d;
    lastIso = d.toISOString().replace("Z", "+00:00");
  }
  return lastIso;
}

export class LogStore {
  private readonly db: Database.Database;
  private readonly write: (rows: Row[]) => void;

  constructor(databaseUrl: string) {
    this.db = new Database(databaseFile(databaseUrl), { timeout: 0 });
    try {
      this.db.pragma("journal_mode = WAL");
    } catch (err) {
      if (!isBusy(err)) throw err; // another connection is mid-transaction: keep the current mode
    }
    this.db.pragma("synchronous = NORMAL");
    // Multi-row statements: far fewer VM round trips than one INSERT per line.
    const sql = (n: number) => `INSERT INTO "JobLogLine" ("jobId", "seq", "stream", "at", "text") VALUES ${Array(n).fill("(?, ?, ?, ?, ?)").join(", ")}`;
    const one = this.db.prepare(sql(1));
    const chunk = this.db.prepare(sql(CHUNK));
    this.write = this.db.transaction((rows: Row[]) => {
      let i = 0;
      for (; i + CHUNK <= rows.length; i += CHUNK) chunk.run(rows.slice(i, i + CHUNK).flat());
      for (; i < rows.length; i++) one.run(rows[i]);
    });
  }

  /** Writes all lines in one transaction. False (nothing written) when the database is busy. */
  tryAppend(jobId: number, lines: readonly LogLine[]): boolean {
    let lastMs = -1;
    let lastIso = "";
    const rows = lines.map((l): Row => {
      const ms = l.at.getTime();
      if (ms !== lastMs) [lastMs, lastIso] = [ms, isoOf(l.at)];
      return [jobId, l.seq, l.stream, lastIso, l.text];
    });
    try {
      this.write(rows);
      return true;
    } catch (err) {
      if (isBusy(err)) return false;
      throw err;
    }
  }

  /** The highest sequence number stored for a job (0 when none). */
  lastSeq(jobId: number): number {
    const row = this.db.prepare(`SELECT MAX("seq") AS "seq" FROM "JobLogLine" WHERE "jobId" = ?`).get(jobId) as { seq: number | null };
    return row.seq ?? 0;
  }

  close(): void {
    this.db.close();
  }
}
