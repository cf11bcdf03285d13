-- Health history (lib/history/). Samples and hourly buckets are written by the hundred thousand and
-- always read by (seriesId, time): WITHOUT ROWID keeps each in its key's b-tree only, instead of a
-- rowid table plus a separate primary-key index (about half the bytes on disk). Same columns and
-- constraints, so Prisma's view of the schema does not change.
-- CreateTable
CREATE TABLE "HealthSeries" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "key" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "HealthSample" (
    "seriesId" INTEGER NOT NULL,
    "at" BIGINT NOT NULL,
    "status" INTEGER NOT NULL,
    "latencyMs" INTEGER,

    PRIMARY KEY ("seriesId", "at")
) WITHOUT ROWID;

-- CreateTable
CREATE TABLE "HealthBucket" (
    "seriesId" INTEGER NOT NULL,
    "hour" INTEGER NOT NULL,
    "checks" INTEGER NOT NULL,
    "upMs" INTEGER NOT NULL,
    "downMs" INTEGER NOT NULL,
    "latencySum" INTEGER NOT NULL,
    "latencyCount" INTEGER NOT NULL,
    "latencyMax" INTEGER NOT NULL,

    PRIMARY KEY ("seriesId", "hour")
) WITHOUT ROWID;

-- CreateTable
CREATE TABLE "HealthIncident" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "seriesId" INTEGER NOT NULL,
    "startedAt" BIGINT NOT NULL,
    "endedAt" BIGINT,
    "detail" TEXT NOT NULL DEFAULT ''
);

-- CreateIndex
CREATE UNIQUE INDEX "HealthSeries_key_key" ON "HealthSeries"("key");

-- CreateIndex
CREATE INDEX "HealthIncident_seriesId_startedAt_idx" ON "HealthIncident"("seriesId", "startedAt");

-- CreateIndex
CREATE INDEX "HealthIncident_endedAt_idx" ON "HealthIncident"("endedAt");

