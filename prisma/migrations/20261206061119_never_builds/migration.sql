-- AlterTable
ALTER TABLE "Job" ADD COLUMN "builtOn" TEXT;

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
    "neverBuilds" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_Machine" ("buildHost", "createdAt", "deployCommand", "deployable", "description", "flakeAttr", "flakeDir", "hostKeyFingerprint", "id", "name", "presentedFingerprint", "role", "sshHost", "sshPort", "sshUser", "system", "updatedAt") SELECT "buildHost", "createdAt", "deployCommand", "deployable", "description", "flakeAttr", "flakeDir", "hostKeyFingerprint", "id", "name", "presentedFingerprint", "role", "sshHost", "sshPort", "sshUser", "system", "updatedAt" FROM "Machine";
DROP TABLE "Machine";
ALTER TABLE "new_Machine" RENAME TO "Machine";
CREATE UNIQUE INDEX "Machine_name_key" ON "Machine"("name");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

