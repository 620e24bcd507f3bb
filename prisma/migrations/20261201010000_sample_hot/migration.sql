-- CreateTable
CREATE TABLE "SampleHot" (
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
    "persistence" TEXT,
    "repl" TEXT,
    "shards" TEXT,

    PRIMARY KEY ("at", "migrationId"),
    CONSTRAINT "SampleHot_migrationId_fkey" FOREIGN KEY ("migrationId") REFERENCES "Migration" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- Every sample, wherever it lies now (schema.prisma, model Sample). A row is in one table only:
-- the move inserts and deletes it in one transaction.
CREATE VIEW "SampleAll" AS
    SELECT "migrationId", "at", "srcOffset", "tgtOffset", "lagBytes", "linkUp", "syncInProgress", "syncReadBytes", "syncTotalBytes", "srcKeys", "tgtKeys", "srcMemory", "tgtMemory", "srcOps", "tgtOps", "srcReplicas", "srcUp", "tgtUp", "persistence", "repl", "shards" FROM "Sample"
    UNION ALL
    SELECT "migrationId", "at", "srcOffset", "tgtOffset", "lagBytes", "linkUp", "syncInProgress", "syncReadBytes", "syncTotalBytes", "srcKeys", "tgtKeys", "srcMemory", "tgtMemory", "srcOps", "tgtOps", "srcReplicas", "srcUp", "tgtUp", "persistence", "repl", "shards" FROM "SampleHot";
