-- Job log lines are written by the hundred thousand and always looked up by (jobId, seq):
-- a WITHOUT ROWID table stores them in that key's b-tree only, instead of a rowid table plus a
-- separate primary-key index (about half the write work). Same columns, same constraints, so
-- Prisma's view of the schema does not change.
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_JobLogLine" (
    "jobId" INTEGER NOT NULL,
    "seq" INTEGER NOT NULL,
    "stream" TEXT NOT NULL,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "text" TEXT NOT NULL,

    PRIMARY KEY ("jobId", "seq"),
    CONSTRAINT "JobLogLine_jobId_fkey" FOREIGN KEY ("jobId") REFERENCES "Job" ("id") ON DELETE CASCADE ON UPDATE CASCADE
) WITHOUT ROWID;
INSERT INTO "new_JobLogLine" ("jobId", "seq", "stream", "at", "text") SELECT "jobId", "seq", "stream", "at", "text" FROM "JobLogLine";
DROP TABLE "JobLogLine";
ALTER TABLE "new_JobLogLine" RENAME TO "JobLogLine";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
