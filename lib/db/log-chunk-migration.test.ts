// The job_log_chunks migration keeps every line stored before it: run against a database at the
// previous migration holding lines in the old one-row-per-line table (the SQL itself, through
// better-sqlite3; `prisma migrate deploy` runs the same file for every test database).
import Database from "better-sqlite3";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { unpackStored } from "../wire/log-batch";

const DIR = "prisma/migrations";
const CHUNKS = "20261127001500_job_log_chunks";
const sql = (m: string) => readFileSync(join(DIR, m, "migration.sql"), "utf8");

describe("migration to job log chunks", () => {
  it("turns each stored line into a one-line chunk with the same seq, stream, text and time", () => {
    const before = readdirSync(DIR)
      .filter((m) => /^\d+_/.test(m) && m < CHUNKS)
      .sort();
    const db = new Database(":memory:");
    for (const m of before) db.exec(sql(m));
    db.pragma("foreign_keys = OFF"); // lines of job 1 without building a machine and a job
    const insert = db.prepare(`INSERT INTO "JobLogLine" ("jobId", "seq", "stream", "at", "text") VALUES (?, ?, ?, ?, ?)`);
    insert.run(1, 1, "stdout", "2026-11-26T10:00:00.123+00:00", "as the log store wrote it");
    insert.run(1, 2, "stderr", "2026-11-26 10:00:01", 'Prisma\'s default, with "quotes" and \\');
    insert.run(1, 3, "system", Date.UTC(2026, 10, 26, 10, 0, 2, 5), "epoch milliseconds");
    insert.run(2, 1, "stdout", "2026-11-26T10:00:03.000+00:00", "");
    insert.run(2, 2, "system", "2026-11-26T10:00:03.000+00:00", "failed:\nstderr tail");
    db.exec(sql(CHUNKS));
    const rows = db.prepare(`SELECT * FROM "JobLogChunk" ORDER BY "jobId", "lastSeq"`).all() as {
      jobId: number;
      firstSeq: number;
      lastSeq: number;
      body: string;
    }[];
    expect(rows.map((r) => [r.jobId, r.firstSeq, r.lastSeq])).toEqual([
      [1, 1, 1],
      [1, 2, 2],
      [1, 3, 3],
      [2, 1, 1],
      [2, 2, 2],
    ]);
    expect(rows.flatMap((r) => unpackStored(r.firstSeq, r.body))).toEqual([
      { seq: 1, stream: "stdout", text: "as the log store wrote it", at: Date.UTC(2026, 10, 26, 10, 0, 0, 123) },
      { seq: 2, stream: "stderr", text: 'Prisma\'s default, with "quotes" and \\', at: Date.UTC(2026, 10, 26, 10, 0, 1) },
      { seq: 3, stream: "system", text: "epoch milliseconds", at: Date.UTC(2026, 10, 26, 10, 0, 2, 5) },
      { seq: 1, stream: "stdout", text: "", at: Date.UTC(2026, 10, 26, 10, 0, 3) },
      { seq: 2, stream: "system", text: "failed:\u2424stderr tail", at: Date.UTC(2026, 10, 26, 10, 0, 3) },
    ]);
    expect(db.prepare(`SELECT name FROM sqlite_master WHERE name = 'JobLogLine'`).get()).toBeUndefined();
    db.close();
  });
});
