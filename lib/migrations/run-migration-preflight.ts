import "server-only";
import { db } from "../db";
import { AppError } from "../errors";
import { recordEvent } from "../events/record-event";
import type { Endpoint } from "@prisma/client";
import { runPreflight, type PreflightEndpoint, type RunPreflightOptions } from "../preflight/run-preflight";
import { readMigrationOptions, snapshotOptionsOf } from "./migration-record";
import { summarizeChecks, type PreflightResult, type Strategy } from "../preflight/types";
import { snapshotOptionChecks } from "../preflight/snapshot-option-checks";
import type { TSessionUser } from "../auth/sessions";
import { resolveEndpoint } from "../endpoints/resolve-endpoint";
import { awsOptionsFor } from "../endpoints/aws-endpoint-clients";
import { serverlessTargetInput } from "../serverless/serverless-preflight-input";

/** Runs the strategy's pre-flight checks for a migration and stores the run (never changes either end). */
export async function runMigrationPreflight(opts: { actor: TSessionUser; migrationId: string }): Promise<PreflightResult & { id: string }> {
  const m = await db.migration.findUnique({ where: { id: opts.migrationId }, include: { source: true, target: true } });
  if (!m) throw new AppError("NOT_FOUND", "That migration does not exist.");
  const snapshot = m.strategy === "snapshot";
  const serverless = m.strategy === "serverless-online" ? serverlessTargetInput(m) : undefined;
  // A snapshot migration creates its target group: what matters is the buckets, not the group.
  // A serverless target is no replication group: its checks gather their own facts.
  const [source, target] = await Promise.all([preflightEndpoint(m.source), snapshot || serverless ? undefined : preflightEndpoint(m.target)]);
  const buckets = snapshot ? snapshotBuckets(m) : undefined;
  const ran = await runPreflight({ strategy: m.strategy as Strategy, source, target, buckets, serverless, sampleSize: 1_000 });
  const result = snapshot ? withSnapshotOptionChecks(ran, m) : ran;
  const row = await db.preflightRun.create({
    data: {
      migrationId: m.id, strategy: m.strategy, ranAt: new Date(result.ranAt), ranByEmail: opts.actor.email,
      checks: JSON.stringify(result.checks), summary: JSON.stringify({ ...result.summary, sampleSize: result.sampleSize, durationMs: result.durationMs }),
    },
    select: { id: true },
  });
  const { pass, warn, fail, unknown } = result.summary;
  await recordEvent({
    type: "preflight.ran",
    level: fail ? "warn" : "info",
    actor: opts.actor,
    migrationId: m.id,
    message: `Pre-flight: ${pass} pass, ${warn} warn, ${fail} fail, ${unknown} unknown (${result.durationMs} ms, ${result.sampleSize} keys sampled)`,
    data: { preflightRunId: row.id, failed: result.checks.filter((c) => c.status === "fail").map((c) => c.id) },
  });
  return { ...result, id: row.id };
}

/** The copy and export steps' needs (options, grant confirmations), failed here rather than mid-run. */
function withSnapshotOptionChecks(r: PreflightResult, m: { id: string; options: string | null; source: Endpoint }): PreflightResult {
  const extra = snapshotOptionChecks({
    migrationId: m.id, options: snapshotOptionsOf(readMigrationOptions(m.options)) ?? null, fromElastiCache: m.source.kind === "elasticache", bucketChecks: r.checks,
  });
  // A failing export grant check that Ferry will fix (confirmed) no longer blocks.
  const fixed = extra.some((c) => c.id === "snapshot.export-grants" && c.status === "pass");
  const checks = [...extra, ...r.checks.map((c) => (fixed && c.id.startsWith("target.bucket-grants:") && c.side === "source" && c.status === "fail" ? { ...c, status: "warn" as const } : c))];
  return { ...r, checks, summary: summarizeChecks(checks) };
}

/** The export bucket (source account) and the seed bucket (target account) of the snapshot options. */
function snapshotBuckets(m: { options: string | null; source: Endpoint; target: Endpoint }): RunPreflightOptions["buckets"] {
  const o = snapshotOptionsOf(readMigrationOptions(m.options));
  if (!o) return [];
  const out: NonNullable<RunPreflightOptions["buckets"]> = [];
  if (o.exportBucket && m.source.kind === "elasticache") out.push({ bucket: o.exportBucket, mode: "export", aws: awsOptionsFor(m.source) });
  out.push({ bucket: o.importBucket, mode: "seed", aws: awsOptionsFor(m.target) });
  return out;
}

async function preflightEndpoint(row: Endpoint): Promise<PreflightEndpoint> {
  if (row.kind !== "elasticache") return { kind: "redis", endpoint: (await resolveEndpoint(row.id)).redis };
  // With an AUTH token the node must be reached with it; otherwise pre-flight discovers the primary itself.
  const node = row.passwordEnc ? (await resolveEndpoint(row.id).catch(() => null))?.redis : undefined;
  return { kind: "elasticache", aws: awsOptionsFor(row), replicationGroupId: row.replicationGroupId!, node };
}
