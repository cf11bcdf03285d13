-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Machine" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "system" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "sshHost" TEXT,
    "sshUser" TEXT,
    "sshPort" INTEGER NOT NULL DEFAULT 22,
    "flakeAttr" TEXT,
    "deployable" BOOLEAN NOT NULL DEFAULT true,
    "hostKeyFingerprint" TEXT,
    "presentedFingerprint" TEXT,
    "flakeDir" TEXT NOT NULL DEFAULT '/home/admin/homelab',
    "deployCommand" TEXT NOT NULL DEFAULT 'nix-run',
    "buildHost" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_Machine" ("createdAt", "deployable", "description", "flakeAttr", "hostKeyFingerprint", "id", "name", "role", "sshHost", "sshPort", "sshUser", "system", "updatedAt") SELECT "createdAt", "deployable", "description", "flakeAttr", "hostKeyFingerprint", "id", "name", "role", "sshHost", "sshPort", "sshUser", "system", "updatedAt" FROM "Machine";
DROP TABLE "Machine";
ALTER TABLE "new_Machine" RENAME TO "Machine";
CREATE UNIQUE INDEX "Machine_name_key" ON "Machine"("name");
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
    "requestedById" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" DATETIME,
    "finishedAt" DATETIME,
    CONSTRAINT "Job_machineId_fkey" FOREIGN KEY ("machineId") REFERENCES "Machine" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Job_requestedById_fkey" FOREIGN KEY ("requestedById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Job" ("args", "createdAt", "exitCode", "finishedAt", "id", "kind", "machineId", "message", "newSystem", "oldSystem", "requestedById", "startedAt", "status") SELECT "args", "createdAt", "exitCode", "finishedAt", "id", "kind", "machineId", "message", "newSystem", "oldSystem", "requestedById", "startedAt", "status" FROM "Job";
DROP TABLE "Job";
ALTER TABLE "new_Job" RENAME TO "Job";
CREATE INDEX "Job_machineId_createdAt_idx" ON "Job"("machineId", "createdAt");
CREATE INDEX "Job_status_idx" ON "Job"("status");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

