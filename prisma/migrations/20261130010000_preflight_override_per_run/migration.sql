-- AlterTable
ALTER TABLE "PreflightRun" ADD COLUMN "overrideReason" TEXT;
ALTER TABLE "PreflightRun" ADD COLUMN "overriddenBy" TEXT;
ALTER TABLE "PreflightRun" ADD COLUMN "overriddenAt" DATETIME;

-- An override made before this migration stays with the run it was made for (named in its
-- "preflight.overridden" event); a run that landed after it is no longer cleared by it.
UPDATE "PreflightRun" SET
    "overrideReason" = (SELECT m."preflightOverride" FROM "Migration" m WHERE m."id" = "PreflightRun"."migrationId"),
    "overriddenBy" = (SELECT e."actorEmail" FROM "Event" e WHERE e."type" = 'preflight.overridden' AND json_extract(e."data", '$.preflightRunId') = "PreflightRun"."id" ORDER BY e."at" DESC LIMIT 1),
    "overriddenAt" = (SELECT e."at" FROM "Event" e WHERE e."type" = 'preflight.overridden' AND json_extract(e."data", '$.preflightRunId') = "PreflightRun"."id" ORDER BY e."at" DESC LIMIT 1)
WHERE "id" IN (
    SELECT json_extract(e."data", '$.preflightRunId') FROM "Event" e JOIN "Migration" m ON m."id" = e."migrationId"
    WHERE e."type" = 'preflight.overridden' AND m."preflightOverride" IS NOT NULL
      AND e."at" = (SELECT MAX(e2."at") FROM "Event" e2 WHERE e2."migrationId" = e."migrationId" AND e2."type" = 'preflight.overridden')
);

-- AlterTable
ALTER TABLE "Migration" DROP COLUMN "preflightOverride";
