-- Job logs are stored as batches of consecutive lines (one row per batch the log writer commits,
-- usually 500 lines) instead of one row per line: a chatty build's lines cost one insert per
-- batch, not per line (the per-line rows took most of the panel's CPU at full speed). The body is
-- JSON {count, text, streams, at} as in lib/live/log-batch.ts: the lines' texts joined by "\n"
-- (a newline inside an old line becomes U+2424), line i has seq firstSeq + i.
-- Existing lines become one-line batches, so nothing stored before is lost.
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "JobLogChunk" (
    "jobId" INTEGER NOT NULL,
    "lastSeq" INTEGER NOT NULL,
    "firstSeq" INTEGER NOT NULL,
    "body" TEXT NOT NULL,

    PRIMARY KEY ("jobId", "lastSeq"),
    CONSTRAINT "JobLogChunk_jobId_fkey" FOREIGN KEY ("jobId") REFERENCES "Job" ("id") ON DELETE CASCADE ON UPDATE CASCADE
) WITHOUT ROWID;
INSERT INTO "JobLogChunk" ("jobId", "lastSeq", "firstSeq", "body")
SELECT "jobId", "seq", "seq", json_object(
    'count', 1,
    'text', replace("text", char(10), char(9252)),
    'streams', json_array(json_array("stream", 1)),
    'at', json_array(json_array(
        CASE typeof("at")
            WHEN 'integer' THEN "at"
            ELSE CAST(ROUND((julianday("at") - 2440587.5) * 86400000.0) AS INTEGER)
        END, 1))
) FROM "JobLogLine";
DROP TABLE "JobLogLine";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
