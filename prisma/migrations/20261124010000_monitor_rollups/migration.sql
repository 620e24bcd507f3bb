-- AlterTable
ALTER TABLE "Sample" ADD COLUMN "persistence" TEXT;

-- CreateTable
CREATE TABLE "SampleRollup" (
    "migrationId" TEXT NOT NULL,
    "at" DATETIME NOT NULL,
    "n" INTEGER NOT NULL,
    "srcN" INTEGER NOT NULL,
    "tgtN" INTEGER NOT NULL,
    "srcOffsetMin" REAL,
    "srcOffsetMax" REAL,
    "tgtOffsetMin" REAL,
    "tgtOffsetMax" REAL,
    "lagMin" REAL,
    "lagMax" REAL,
    "linkUpMin" INTEGER,
    "syncPctMax" REAL,
    "srcKeysMin" REAL,
    "srcKeysMax" REAL,
    "tgtKeysMin" REAL,
    "tgtKeysMax" REAL,
    "srcMemoryMin" REAL,
    "srcMemoryMax" REAL,
    "tgtMemoryMin" REAL,
    "tgtMemoryMax" REAL,
    "srcOpsMax" REAL,
    "tgtOpsMax" REAL,

    PRIMARY KEY ("migrationId", "at"),
    CONSTRAINT "SampleRollup_migrationId_fkey" FOREIGN KEY ("migrationId") REFERENCES "Migration" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

