-- CreateTable
CREATE TABLE "FleetRun" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "kind" TEXT NOT NULL DEFAULT 'deploy',
    "status" TEXT NOT NULL DEFAULT 'running',
    "requestedById" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" DATETIME,
    CONSTRAINT "FleetRun_requestedById_fkey" FOREIGN KEY ("requestedById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Job" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "kind" TEXT NOT NULL,
    "machineId" INTEGER NOT NULL,
    "args" TEXT NOT NULL DEFAULT '{}',
    "status" TEXT NOT NULL DEFAULT 'queued',
    "exitCode" INTEGER,
    "message" TEXT NOT NULL DEFAULT '',
    "oldSystem" TEXT,
    "newSystem" TEXT,
    "result" TEXT NOT NULL DEFAULT '',
    "remotePid" INTEGER,
    "commit" TEXT,
    "commitSubject" TEXT,
    "dirty" BOOLEAN,
    "requestedById" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" DATETIME,
    "finishedAt" DATETIME,
    "fleetId" INTEGER,
    CONSTRAINT "Job_machineId_fkey" FOREIGN KEY ("machineId") REFERENCES "Machine" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Job_requestedById_fkey" FOREIGN KEY ("requestedById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Job_fleetId_fkey" FOREIGN KEY ("fleetId") REFERENCES "FleetRun" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Job" ("args", "commit", "commitSubject", "createdAt", "dirty", "exitCode", "finishedAt", "id", "kind", "machineId", "message", "newSystem", "oldSystem", "remotePid", "requestedById", "result", "startedAt", "status") SELECT "args", "commit", "commitSubject", "createdAt", "dirty", "exitCode", "finishedAt", "id", "kind", "machineId", "message", "newSystem", "oldSystem", "remotePid", "requestedById", "result", "startedAt", "status" FROM "Job";
DROP TABLE "Job";
ALTER TABLE "new_Job" RENAME TO "Job";
CREATE INDEX "Job_machineId_createdAt_idx" ON "Job"("machineId", "createdAt");
CREATE INDEX "Job_status_idx" ON "Job"("status");
CREATE INDEX "Job_fleetId_idx" ON "Job"("fleetId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "FleetRun_createdAt_idx" ON "FleetRun"("createdAt");

