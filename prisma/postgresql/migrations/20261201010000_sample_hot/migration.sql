-- CreateTable
CREATE TABLE "SampleHot" (
    "migrationId" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "srcOffset" DOUBLE PRECISION,
    "tgtOffset" DOUBLE PRECISION,
    "lagBytes" DOUBLE PRECISION,
    "linkUp" BOOLEAN,
    "syncInProgress" BOOLEAN,
    "syncReadBytes" DOUBLE PRECISION,
    "syncTotalBytes" DOUBLE PRECISION,
    "srcKeys" DOUBLE PRECISION,
    "tgtKeys" DOUBLE PRECISION,
    "srcMemory" DOUBLE PRECISION,
    "tgtMemory" DOUBLE PRECISION,
    "srcOps" DOUBLE PRECISION,
    "tgtOps" DOUBLE PRECISION,
    "srcReplicas" INTEGER,
    "srcUp" BOOLEAN NOT NULL DEFAULT true,
    "tgtUp" BOOLEAN NOT NULL DEFAULT true,
    "persistence" TEXT,
    "repl" TEXT,
    "shards" TEXT,

    CONSTRAINT "SampleHot_pkey" PRIMARY KEY ("at", "migrationId")
);

-- AddForeignKey
ALTER TABLE "SampleHot" ADD CONSTRAINT "SampleHot_migrationId_fkey" FOREIGN KEY ("migrationId") REFERENCES "Migration"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Every sample, wherever it lies now (schema.prisma, model Sample). A row is in one table only:
-- the move inserts and deletes it in one transaction.
CREATE VIEW "SampleAll" AS
    SELECT "migrationId", "at", "srcOffset", "tgtOffset", "lagBytes", "linkUp", "syncInProgress", "syncReadBytes", "syncTotalBytes", "srcKeys", "tgtKeys", "srcMemory", "tgtMemory", "srcOps", "tgtOps", "srcReplicas", "srcUp", "tgtUp", "persistence", "repl", "shards" FROM "Sample"
    UNION ALL
    SELECT "migrationId", "at", "srcOffset", "tgtOffset", "lagBytes", "linkUp", "syncInProgress", "syncReadBytes", "syncTotalBytes", "srcKeys", "tgtKeys", "srcMemory", "tgtMemory", "srcOps", "tgtOps", "srcReplicas", "srcUp", "tgtUp", "persistence", "repl", "shards" FROM "SampleHot";
