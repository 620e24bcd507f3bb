-- CreateTable
CREATE TABLE "CreatedResource" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "migrationId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "side" TEXT NOT NULL,
    "identifier" TEXT NOT NULL,
    "detail" TEXT,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "confirmedAt" DATETIME,
    "deletedAt" DATETIME,
    "deletedBy" TEXT,
    CONSTRAINT "CreatedResource_migrationId_fkey" FOREIGN KEY ("migrationId") REFERENCES "Migration" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "CreatedResource_migrationId_idx" ON "CreatedResource"("migrationId");

-- CreateIndex
CREATE UNIQUE INDEX "CreatedResource_migrationId_kind_identifier_key" ON "CreatedResource"("migrationId", "kind", "identifier");

