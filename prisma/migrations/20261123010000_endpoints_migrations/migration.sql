-- CreateTable
CREATE TABLE "Endpoint" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "host" TEXT,
    "port" INTEGER,
    "tls" BOOLEAN NOT NULL DEFAULT false,
    "tlsCa" TEXT,
    "username" TEXT,
    "passwordEnc" TEXT,
    "dbCount" INTEGER NOT NULL DEFAULT 16,
    "region" TEXT,
    "replicationGroupId" TEXT,
    "credentialKind" TEXT,
    "profile" TEXT,
    "roleArn" TEXT,
    "externalIdEnc" TEXT,
    "awsEndpointUrl" TEXT,
    "lastCheck" TEXT,
    "lastCheckAt" DATETIME,
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "Migration" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "strategy" TEXT NOT NULL,
    "sourceId" TEXT NOT NULL,
    "targetId" TEXT NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'draft',
    "version" INTEGER NOT NULL DEFAULT 0,
    "preflightOverride" TEXT,
    "options" TEXT,
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Migration_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "Endpoint" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Migration_targetId_fkey" FOREIGN KEY ("targetId") REFERENCES "Endpoint" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PreflightRun" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "migrationId" TEXT NOT NULL,
    "strategy" TEXT NOT NULL,
    "ranAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "ranByEmail" TEXT,
    "checks" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    CONSTRAINT "PreflightRun_migrationId_fkey" FOREIGN KEY ("migrationId") REFERENCES "Migration" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Baseline" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "endpointId" TEXT NOT NULL,
    "migrationId" TEXT,
    "label" TEXT NOT NULL,
    "capturedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "capturedBy" TEXT,
    "data" TEXT NOT NULL,
    CONSTRAINT "Baseline_endpointId_fkey" FOREIGN KEY ("endpointId") REFERENCES "Endpoint" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Baseline_migrationId_fkey" FOREIGN KEY ("migrationId") REFERENCES "Migration" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "Endpoint_name_key" ON "Endpoint"("name");

-- CreateIndex
CREATE INDEX "PreflightRun_migrationId_ranAt_idx" ON "PreflightRun"("migrationId", "ranAt");

-- CreateIndex
CREATE INDEX "Baseline_endpointId_capturedAt_idx" ON "Baseline"("endpointId", "capturedAt");

-- CreateIndex
CREATE INDEX "Baseline_migrationId_idx" ON "Baseline"("migrationId");

