-- CreateTable
CREATE TABLE "NotifyChannel" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "config" TEXT NOT NULL,
    "secret" TEXT,
    "secretFile" TEXT,
    "events" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "consecutiveFailures" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "NotifyEvent" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "key" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "NotifyDelivery" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "eventId" INTEGER NOT NULL,
    "channelId" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "nextAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "NotifyDelivery_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "NotifyEvent" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "NotifyDelivery_channelId_fkey" FOREIGN KEY ("channelId") REFERENCES "NotifyChannel" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "NotifyChannel_name_key" ON "NotifyChannel"("name");

-- CreateIndex
CREATE UNIQUE INDEX "NotifyEvent_key_key" ON "NotifyEvent"("key");

-- CreateIndex
CREATE INDEX "NotifyEvent_subject_id_idx" ON "NotifyEvent"("subject", "id");

-- CreateIndex
CREATE INDEX "NotifyDelivery_status_nextAt_idx" ON "NotifyDelivery"("status", "nextAt");

-- CreateIndex
CREATE INDEX "NotifyDelivery_channelId_id_idx" ON "NotifyDelivery"("channelId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "NotifyDelivery_eventId_channelId_key" ON "NotifyDelivery"("eventId", "channelId");

