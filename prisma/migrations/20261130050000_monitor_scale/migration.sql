-- Samples are keyed by (migrationId, at): drop any duplicates an earlier sampler could store.
DELETE FROM "Sample" WHERE "id" NOT IN (SELECT MIN("id") FROM "Sample" GROUP BY "migrationId", "at");

-- DropIndex
DROP INDEX "Sample_migrationId_at_idx";

-- CreateIndex
CREATE UNIQUE INDEX "Sample_migrationId_at_key" ON "Sample"("migrationId", "at");

-- CreateIndex
CREATE INDEX "Sample_at_idx" ON "Sample"("at");

-- CreateTable
CREATE TABLE "SamplerLease" (
    "migrationId" TEXT NOT NULL PRIMARY KEY,
    "owner" TEXT NOT NULL,
    "until" DATETIME NOT NULL,
    CONSTRAINT "SamplerLease_migrationId_fkey" FOREIGN KEY ("migrationId") REFERENCES "Migration" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SamplerWorker" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "until" DATETIME NOT NULL
);
