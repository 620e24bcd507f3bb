import "server-only";
import { db } from "../db";
import { AppError } from "../errors";
import { toEndpointView, type TEndpointView } from "../endpoints/endpoint-view";
import type { PreflightCheck, PreflightSummary } from "../preflight/types";
import { readMigrationOptions, snapshotOptionsOf, type TMigrationOptions } from "./migration-record";
import { snapshotOptionChecks } from "../preflight/snapshot-option-checks";
import type { TStrategy } from "./strategies";

export type TPreflightRunView = {
  id: string;
  ranAt: string;
  ranBy: string | null;
  checks: PreflightCheck[];
  summary: PreflightSummary & { sampleSize?: number; durationMs?: number };
};

export type TMigrationView = {
  id: string;
  name: string;
  strategy: TStrategy;
  state: string;
  createdAt: string;
  source: TEndpointView;
  target: TEndpointView;
  preflight: TPreflightRunView | null;
  /** The operator's reason for going on despite the latest run's failures (null for any other run). */
  preflightOverride: string | null;
  /** What the migration records in its options (gate, snapshot options and moment, ...). */
  options: TMigrationOptions;
  /** Pre-flight is satisfied: the latest run has no failure, or the operator overrode that run, and nothing in `startBlockers`. */
  preflightCleared: boolean;
  /** What the run would stop and ask for, read from the current options; no override clears these. */
  startBlockers: PreflightCheck[];
};

export async function getMigration(id: string): Promise<TMigrationView> {
  const m = await db.migration.findUnique({
    where: { id },
    include: { source: true, target: true, preflights: { orderBy: { ranAt: "desc" }, take: 1 } },
  });
  if (!m) throw new AppError("NOT_FOUND", "That migration does not exist.");
  const run = m.preflights[0];
  const preflight: TPreflightRunView | null = run
    ? { id: run.id, ranAt: run.ranAt.toISOString(), ranBy: run.ranByEmail, checks: JSON.parse(run.checks), summary: JSON.parse(run.summary) }
    : null;
  const options = readMigrationOptions(m.options);
  // Read from the options as they are now: saving them after the checks ran counts, an override does not.
  const startBlockers = m.strategy === "snapshot"
    ? snapshotOptionChecks({ migrationId: m.id, options: snapshotOptionsOf(options) ?? null, fromElastiCache: m.source.kind === "elasticache", bucketChecks: preflight?.checks ?? [] }).filter((c) => c.status === "fail")
    : [];
  return {
    id: m.id,
    name: m.name,
    strategy: m.strategy as TStrategy,
    state: m.state,
    createdAt: m.createdAt.toISOString(),
    source: toEndpointView(m.source),
    target: toEndpointView(m.target),
    preflight,
    preflightOverride: run?.overrideReason ?? null,
    options,
    preflightCleared: !!preflight && (preflight.summary.fail === 0 || !!run?.overrideReason) && startBlockers.length === 0,
    startBlockers,
  };
}
