-- AlterTable
ALTER TABLE "VerificationRun" ADD COLUMN "plannedAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "VerificationUnit" (
    "id" TEXT NOT NULL,
    "verificationId" TEXT NOT NULL,
    "db" INTEGER NOT NULL,
    "rangeIndex" INTEGER NOT NULL DEFAULT 0,
    "rangeCount" INTEGER NOT NULL DEFAULT 1,
    "status" TEXT NOT NULL DEFAULT 'queued',
    "leaseOwner" TEXT,
    "leaseUntil" TIMESTAMP(3),
    "owners" TEXT NOT NULL DEFAULT '[]',
    "startedAt" TIMESTAMP(3),
    "endedAt" TIMESTAMP(3),
    "progress" TEXT,
    "checkpoint" TEXT,
    "result" TEXT,
    "error" TEXT,

    CONSTRAINT "VerificationUnit_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "VerificationUnit_verificationId_db_rangeIndex_key" ON "VerificationUnit"("verificationId", "db", "rangeIndex");

-- CreateIndex
CREATE INDEX "VerificationUnit_status_leaseUntil_idx" ON "VerificationUnit"("status", "leaseUntil");

-- AddForeignKey
ALTER TABLE "VerificationUnit" ADD CONSTRAINT "VerificationUnit_verificationId_fkey" FOREIGN KEY ("verificationId") REFERENCES "VerificationRun"("id") ON DELETE CASCADE ON UPDATE CASCADE;
