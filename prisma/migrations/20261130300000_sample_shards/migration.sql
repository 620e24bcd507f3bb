-- AlterTable
ALTER TABLE "Sample" ADD COLUMN "shards" TEXT;
