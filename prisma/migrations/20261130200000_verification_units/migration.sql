-- AlterTable
ALTER TABLE "VerificationRun" ADD COLUMN "plannedAt" DATETIME;

-- CreateTable
CREATE TABLE "VerificationUnit" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "verificationId" TEXT NOT NULL,
    "db" INTEGER NOT NULL,
    "rangeIndex" INTEGER NOT NULL DEFAULT 0,
    "rangeCount" INTEGER NOT NULL DEFAULT 1,
    "status" TEXT NOT NULL DEFAULT 'queued',
    "leaseOwner" TEXT,
    "leaseUntil" DATETIME,
    "owners" TEXT NOT NULL DEFAULT '[]',
    "startedAt" DATETIME,
    "endedAt" DATETIME,
    "progress" TEXT,
    "checkpoint" TEXT,
    "result" TEXT,
    "error" TEXT,
    CONSTRAINT "VerificationUnit_verificationId_fkey" FOREIGN KEY ("verificationId") REFERENCES "VerificationRun" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "VerificationUnit_verificationId_db_rangeIndex_key" ON "VerificationUnit"("verificationId", "db", "rangeIndex");

-- CreateIndex
CREATE INDEX "VerificationUnit_status_leaseUntil_idx" ON "VerificationUnit"("status", "leaseUntil");
