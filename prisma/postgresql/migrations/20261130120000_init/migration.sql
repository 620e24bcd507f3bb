-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "role" TEXT NOT NULL DEFAULT 'viewer',
    "passwordHash" TEXT NOT NULL,
    "disabledAt" TIMESTAMP(3),
    "timeZone" TEXT NOT NULL DEFAULT 'UTC',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Session" (
    "id" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "lastSeen" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Session_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Event" (
    "id" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "type" TEXT NOT NULL,
    "actorId" TEXT,
    "actorEmail" TEXT,
    "migrationId" TEXT,
    "level" TEXT NOT NULL DEFAULT 'info',
    "message" TEXT NOT NULL,
    "data" TEXT,
    "ip" TEXT,

    CONSTRAINT "Event_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Endpoint" (
    "id" TEXT NOT NULL,
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
    "lastCheckAt" TIMESTAMP(3),
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Endpoint_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Migration" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "strategy" TEXT NOT NULL,
    "sourceId" TEXT NOT NULL,
    "targetId" TEXT NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'draft',
    "version" INTEGER NOT NULL DEFAULT 0,
    "options" TEXT,
    "intent" TEXT,
    "intentBy" TEXT,
    "intentAt" TIMESTAMP(3),
    "leaseOwner" TEXT,
    "leaseUntil" TIMESTAMP(3),
    "currentStep" TEXT,
    "lastError" TEXT,
    "startedAt" TIMESTAMP(3),
    "cutoverAt" TIMESTAMP(3),
    "finalOffsets" TEXT,
    "completedAt" TIMESTAMP(3),
    "watchUntil" TIMESTAMP(3),
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Migration_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MigrationStep" (
    "id" TEXT NOT NULL,
    "migrationId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "startedAt" TIMESTAMP(3),
    "endedAt" TIMESTAMP(3),
    "detail" TEXT,

    CONSTRAINT "MigrationStep_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Sample" (
    "id" SERIAL NOT NULL,
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

    CONSTRAINT "Sample_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SamplerLease" (
    "migrationId" TEXT NOT NULL,
    "owner" TEXT NOT NULL,
    "until" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SamplerLease_pkey" PRIMARY KEY ("migrationId")
);

-- CreateTable
CREATE TABLE "SamplerWorker" (
    "id" TEXT NOT NULL,
    "until" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SamplerWorker_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SampleRollup" (
    "migrationId" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "n" INTEGER NOT NULL,
    "srcN" INTEGER NOT NULL,
    "tgtN" INTEGER NOT NULL,
    "srcOffsetMin" DOUBLE PRECISION,
    "srcOffsetMax" DOUBLE PRECISION,
    "tgtOffsetMin" DOUBLE PRECISION,
    "tgtOffsetMax" DOUBLE PRECISION,
    "lagMin" DOUBLE PRECISION,
    "lagMax" DOUBLE PRECISION,
    "linkUpMin" INTEGER,
    "syncPctMax" DOUBLE PRECISION,
    "srcKeysMin" DOUBLE PRECISION,
    "srcKeysMax" DOUBLE PRECISION,
    "tgtKeysMin" DOUBLE PRECISION,
    "tgtKeysMax" DOUBLE PRECISION,
    "srcMemoryMin" DOUBLE PRECISION,
    "srcMemoryMax" DOUBLE PRECISION,
    "tgtMemoryMin" DOUBLE PRECISION,
    "tgtMemoryMax" DOUBLE PRECISION,
    "srcOpsMax" DOUBLE PRECISION,
    "tgtOpsMax" DOUBLE PRECISION,

    CONSTRAINT "SampleRollup_pkey" PRIMARY KEY ("migrationId","at")
);

-- CreateTable
CREATE TABLE "MetricPoint" (
    "id" SERIAL NOT NULL,
    "migrationId" TEXT NOT NULL,
    "side" TEXT NOT NULL,
    "metric" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "value" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "MetricPoint_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "VerificationRun" (
    "id" TEXT NOT NULL,
    "migrationId" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'queued',
    "mode" TEXT NOT NULL DEFAULT 'full',
    "options" TEXT,
    "requestedBy" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMP(3),
    "endedAt" TIMESTAMP(3),
    "leaseOwner" TEXT,
    "leaseUntil" TIMESTAMP(3),
    "cancelRequested" BOOLEAN NOT NULL DEFAULT false,
    "progress" TEXT,
    "checkpoint" TEXT,
    "result" TEXT,
    "error" TEXT,

    CONSTRAINT "VerificationRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Mismatch" (
    "id" SERIAL NOT NULL,
    "verificationId" TEXT NOT NULL,
    "db" INTEGER NOT NULL,
    "keyBase64" TEXT NOT NULL,
    "keyDisplay" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "detail" TEXT NOT NULL,

    CONSTRAINT "Mismatch_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PreflightRun" (
    "id" TEXT NOT NULL,
    "migrationId" TEXT NOT NULL,
    "strategy" TEXT NOT NULL,
    "ranAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "ranByEmail" TEXT,
    "checks" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "overrideReason" TEXT,
    "overriddenBy" TEXT,
    "overriddenAt" TIMESTAMP(3),

    CONSTRAINT "PreflightRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Baseline" (
    "id" TEXT NOT NULL,
    "endpointId" TEXT NOT NULL,
    "migrationId" TEXT,
    "label" TEXT NOT NULL,
    "capturedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "capturedBy" TEXT,
    "data" TEXT NOT NULL,

    CONSTRAINT "Baseline_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CreatedResource" (
    "id" TEXT NOT NULL,
    "migrationId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "side" TEXT NOT NULL,
    "identifier" TEXT NOT NULL,
    "detail" TEXT,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "confirmedAt" TIMESTAMP(3),
    "deletedAt" TIMESTAMP(3),
    "deletedBy" TEXT,

    CONSTRAINT "CreatedResource_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Replication" (
    "id" TEXT NOT NULL,
    "migrationId" TEXT NOT NULL,
    "direction" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'running',
    "options" TEXT NOT NULL,
    "checkpoint" TEXT,
    "stats" TEXT,
    "statsAt" TIMESTAMP(3),
    "lastCompare" TEXT,
    "request" TEXT,
    "response" TEXT,
    "leaseOwner" TEXT,
    "leaseUntil" TIMESTAMP(3),
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "until" TIMESTAMP(3),
    "stoppedAt" TIMESTAMP(3),
    "stoppedBy" TEXT,
    "stopReason" TEXT,

    CONSTRAINT "Replication_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApiToken" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "lastUsedAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "ApiToken_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IdempotentResponse" (
    "id" TEXT NOT NULL,
    "scope" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "status" INTEGER NOT NULL,
    "body" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "IdempotentResponse_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Webhook" (
    "id" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "format" TEXT NOT NULL,
    "events" TEXT NOT NULL,
    "secretEnc" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "disabledAt" TIMESTAMP(3),

    CONSTRAINT "Webhook_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WebhookDelivery" (
    "id" TEXT NOT NULL,
    "webhookId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "migrationId" TEXT,
    "payload" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "lastStatus" INTEGER,
    "lastError" TEXT,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deliveredAt" TIMESTAMP(3),

    CONSTRAINT "WebhookDelivery_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE UNIQUE INDEX "Session_tokenHash_key" ON "Session"("tokenHash");

-- CreateIndex
CREATE INDEX "Session_userId_idx" ON "Session"("userId");

-- CreateIndex
CREATE INDEX "Event_migrationId_at_idx" ON "Event"("migrationId", "at");

-- CreateIndex
CREATE INDEX "Event_type_at_idx" ON "Event"("type", "at");

-- CreateIndex
CREATE INDEX "Event_actorEmail_type_at_idx" ON "Event"("actorEmail", "type", "at");

-- CreateIndex
CREATE INDEX "Event_ip_type_at_idx" ON "Event"("ip", "type", "at");

-- CreateIndex
CREATE UNIQUE INDEX "Endpoint_name_key" ON "Endpoint"("name");

-- CreateIndex
CREATE UNIQUE INDEX "MigrationStep_migrationId_name_key" ON "MigrationStep"("migrationId", "name");

-- CreateIndex
CREATE INDEX "Sample_at_idx" ON "Sample"("at");

-- CreateIndex
CREATE UNIQUE INDEX "Sample_migrationId_at_key" ON "Sample"("migrationId", "at");

-- CreateIndex
CREATE UNIQUE INDEX "MetricPoint_migrationId_side_metric_at_key" ON "MetricPoint"("migrationId", "side", "metric", "at");

-- CreateIndex
CREATE INDEX "VerificationRun_migrationId_createdAt_idx" ON "VerificationRun"("migrationId", "createdAt");

-- CreateIndex
CREATE INDEX "Mismatch_verificationId_idx" ON "Mismatch"("verificationId");

-- CreateIndex
CREATE INDEX "PreflightRun_migrationId_ranAt_idx" ON "PreflightRun"("migrationId", "ranAt");

-- CreateIndex
CREATE INDEX "Baseline_endpointId_capturedAt_idx" ON "Baseline"("endpointId", "capturedAt");

-- CreateIndex
CREATE INDEX "Baseline_migrationId_idx" ON "Baseline"("migrationId");

-- CreateIndex
CREATE INDEX "CreatedResource_migrationId_idx" ON "CreatedResource"("migrationId");

-- CreateIndex
CREATE UNIQUE INDEX "CreatedResource_migrationId_kind_identifier_key" ON "CreatedResource"("migrationId", "kind", "identifier");

-- CreateIndex
CREATE UNIQUE INDEX "Replication_migrationId_direction_key" ON "Replication"("migrationId", "direction");

-- CreateIndex
CREATE UNIQUE INDEX "ApiToken_tokenHash_key" ON "ApiToken"("tokenHash");

-- CreateIndex
CREATE INDEX "IdempotentResponse_expiresAt_idx" ON "IdempotentResponse"("expiresAt");

-- CreateIndex
CREATE UNIQUE INDEX "IdempotentResponse_scope_key_key" ON "IdempotentResponse"("scope", "key");

-- CreateIndex
CREATE INDEX "WebhookDelivery_status_nextAttemptAt_idx" ON "WebhookDelivery"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "WebhookDelivery_webhookId_createdAt_idx" ON "WebhookDelivery"("webhookId", "createdAt");

-- AddForeignKey
ALTER TABLE "Session" ADD CONSTRAINT "Session_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Event" ADD CONSTRAINT "Event_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Migration" ADD CONSTRAINT "Migration_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "Endpoint"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Migration" ADD CONSTRAINT "Migration_targetId_fkey" FOREIGN KEY ("targetId") REFERENCES "Endpoint"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MigrationStep" ADD CONSTRAINT "MigrationStep_migrationId_fkey" FOREIGN KEY ("migrationId") REFERENCES "Migration"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Sample" ADD CONSTRAINT "Sample_migrationId_fkey" FOREIGN KEY ("migrationId") REFERENCES "Migration"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SamplerLease" ADD CONSTRAINT "SamplerLease_migrationId_fkey" FOREIGN KEY ("migrationId") REFERENCES "Migration"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SampleRollup" ADD CONSTRAINT "SampleRollup_migrationId_fkey" FOREIGN KEY ("migrationId") REFERENCES "Migration"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MetricPoint" ADD CONSTRAINT "MetricPoint_migrationId_fkey" FOREIGN KEY ("migrationId") REFERENCES "Migration"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VerificationRun" ADD CONSTRAINT "VerificationRun_migrationId_fkey" FOREIGN KEY ("migrationId") REFERENCES "Migration"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Mismatch" ADD CONSTRAINT "Mismatch_verificationId_fkey" FOREIGN KEY ("verificationId") REFERENCES "VerificationRun"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PreflightRun" ADD CONSTRAINT "PreflightRun_migrationId_fkey" FOREIGN KEY ("migrationId") REFERENCES "Migration"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Baseline" ADD CONSTRAINT "Baseline_endpointId_fkey" FOREIGN KEY ("endpointId") REFERENCES "Endpoint"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Baseline" ADD CONSTRAINT "Baseline_migrationId_fkey" FOREIGN KEY ("migrationId") REFERENCES "Migration"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CreatedResource" ADD CONSTRAINT "CreatedResource_migrationId_fkey" FOREIGN KEY ("migrationId") REFERENCES "Migration"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Replication" ADD CONSTRAINT "Replication_migrationId_fkey" FOREIGN KEY ("migrationId") REFERENCES "Migration"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WebhookDelivery" ADD CONSTRAINT "WebhookDelivery_webhookId_fkey" FOREIGN KEY ("webhookId") REFERENCES "Webhook"("id") ON DELETE CASCADE ON UPDATE CASCADE;

