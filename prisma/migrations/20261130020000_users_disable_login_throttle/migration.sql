-- AlterTable
ALTER TABLE "User" ADD COLUMN "disabledAt" DATETIME;

-- CreateIndex
CREATE INDEX "Event_ip_type_at_idx" ON "Event"("ip", "type", "at");
