-- AlterTable
ALTER TABLE "Migration" ADD COLUMN "completedAt" DATETIME;
ALTER TABLE "Migration" ADD COLUMN "currentStep" TEXT;
ALTER TABLE "Migration" ADD COLUMN "cutoverAt" DATETIME;
ALTER TABLE "Migration" ADD COLUMN "finalOffsets" TEXT;
ALTER TABLE "Migration" ADD COLUMN "intent" TEXT;
ALTER TABLE "Migration" ADD COLUMN "intentAt" DATETIME;
ALTER TABLE "Migration" ADD COLUMN "intentBy" TEXT;
ALTER TABLE "Migration" ADD COLUMN "lastError" TEXT;
ALTER TABLE "Migration" ADD COLUMN "leaseOwner" TEXT;
ALTER TABLE "Migration" ADD COLUMN "leaseUntil" DATETIME;
ALTER TABLE "Migration" ADD COLUMN "startedAt" DATETIME;
ALTER TABLE "Migration" ADD COLUMN "watchUntil" DATETIME;

-- CreateTable
CREATE TABLE "MigrationStep" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "migrationId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "startedAt" DATETIME,
    "endedAt" DATETIME,
    "detail" TEXT,
    CONSTRAINT "MigrationStep_migrationId_fkey" FOREIGN KEY ("migrationId") REFERENCES "Migration" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Sample" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "migrationId" TEXT NOT NULL,
    "at" DATETIME NOT NULL,
    "srcOffset" REAL,
    "tgtOffset" REAL,
    "lagBytes" REAL,
    "linkUp" BOOLEAN,
    "syncInProgress" BOOLEAN,
    "syncReadBytes" REAL,
    "syncTotalBytes" REAL,
    "srcKeys" REAL,
    "tgtKeys" REAL,
    "srcMemory" REAL,
    "tgtMemory" REAL,
    "srcOps" REAL,
    "tgtOps" REAL,
    "srcReplicas" INTEGER,
    "srcUp" BOOLEAN NOT NULL DEFAULT true,
    "tgtUp" BOOLEAN NOT NULL DEFAULT true,
    CONSTRAINT "Sample_migrationId_fkey" FOREIGN KEY ("migrationId") REFERENCES "Migration" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "MetricPoint" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "migrationId" TEXT NOT NULL,
    "side" TEXT NOT NULL,
    "metric" TEXT NOT NULL,
    "at" DATETIME NOT NULL,
    "value" REAL NOT NULL,
    CONSTRAINT "MetricPoint_migrationId_fkey" FOREIGN KEY ("migrationId") REFERENCES "Migration" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "VerificationRun" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "migrationId" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'queued',
    "mode" TEXT NOT NULL DEFAULT 'full',
    "options" TEXT,
    "requestedBy" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" DATETIME,
    "endedAt" DATETIME,
    "leaseOwner" TEXT,
    "leaseUntil" DATETIME,
    "cancelRequested" BOOLEAN NOT NULL DEFAULT false,
    "progress" TEXT,
    "checkpoint" TEXT,
    "result" TEXT,
    "error" TEXT,
    CONSTRAINT "VerificationRun_migrationId_fkey" FOREIGN KEY ("migrationId") REFERENCES "Migration" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Mismatch" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "verificationId" TEXT NOT NULL,
    "db" INTEGER NOT NULL,
    "keyBase64" TEXT NOT NULL,
    "keyDisplay" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "detail" TEXT NOT NULL,
    CONSTRAINT "Mismatch_verificationId_fkey" FOREIGN KEY ("verificationId") REFERENCES "VerificationRun" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "MigrationStep_migrationId_name_key" ON "MigrationStep"("migrationId", "name");

-- CreateIndex
CREATE INDEX "Sample_migrationId_at_idx" ON "Sample"("migrationId", "at");

-- CreateIndex
CREATE UNIQUE INDEX "MetricPoint_migrationId_side_metric_at_key" ON "MetricPoint"("migrationId", "side", "metric", "at");

-- CreateIndex
CREATE INDEX "VerificationRun_migrationId_createdAt_idx" ON "VerificationRun"("migrationId", "createdAt");

-- CreateIndex
CREATE INDEX "Mismatch_verificationId_idx" ON "Mismatch"("verificationId");

