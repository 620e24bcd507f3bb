-- AlterTable
ALTER TABLE "Sample" ADD COLUMN "repl" TEXT;

-- CreateTable
CREATE TABLE "Replication" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "migrationId" TEXT NOT NULL,
    "direction" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'running',
    "options" TEXT NOT NULL,
    "checkpoint" TEXT,
    "stats" TEXT,
    "statsAt" DATETIME,
    "lastCompare" TEXT,
    "request" TEXT,
    "response" TEXT,
    "leaseOwner" TEXT,
    "leaseUntil" DATETIME,
    "startedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "until" DATETIME,
    "stoppedAt" DATETIME,
    "stoppedBy" TEXT,
    "stopReason" TEXT,
    CONSTRAINT "Replication_migrationId_fkey" FOREIGN KEY ("migrationId") REFERENCES "Migration" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "Replication_migrationId_direction_key" ON "Replication"("migrationId", "direction");
