import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { STRATEGIES, type TStrategy } from "@/lib/migrations/strategies";
import { toEndpointView } from "@/lib/endpoints/endpoint-view";
import type { Baseline } from "@/lib/redis/baseline-types";
import type { PreflightCheck, PreflightSummary } from "@/lib/preflight/types";
import { decideVerdict } from "./decide-verdict";
import { compareBaselines, type TBaselineRow } from "./compare-baselines";
import { reportSectionsFor } from "./report-sections-for";
import { ZReport, type TReport } from "./report-schema";
import { summarizeSnapshot } from "./summarize-snapshot";
import { summarizeSync } from "./summarize-sync";
import { summarizeVerification } from "./summarize-verification";
import { summarizeReplication } from "./summarize-replication";
import { summarizeShards } from "./summarize-shards";

const MAX_EVENTS = 500;

export type TBuildReportOptions = {
  migrationId: string;
  /** A finished verification run of this migration to show instead of the default (see pickVerificationRun). */
  runId?: string;
  now?: Date;
};

/** Everything the validation report says about one migration, as one plain JSON value (see report-schema.ts). */
export async function buildReportModel(opts: TBuildReportOptions): Promise<TReport> {
  const { migrationId, now = new Date() } = opts;
  const m = await db.migration.findUnique({ where: { id: migrationId }, include: { source: true, target: true } });
  if (!m) throw new AppError("NOT_FOUND", "That migration does not exist.");
  const sections = reportSectionsFor(m.strategy);
  const [events, preflightRun, baselineRows, sync, snapshot, verification, replication] = await Promise.all([
    db.event.findMany({ where: { migrationId }, orderBy: { at: "asc" }, take: MAX_EVENTS + 1 }),
    db.preflightRun.findFirst({ where: { migrationId }, orderBy: { ranAt: "desc" } }),
    db.baseline.findMany({ where: { migrationId }, orderBy: { capturedAt: "desc" }, include: { endpoint: { select: { name: true } } } }),
    sections.sync ? summarizeSync(m) : null,
    sections.snapshot ? summarizeSnapshot(m) : null,
    summarizeVerification({ migrationId, runId: opts.runId }),
    sections.replication ? summarizeReplication(migrationId) : null,
  ]);
  const baselines: TBaselineRow[] = baselineRows.map((b) => ({ ...b, endpointName: b.endpoint.name, baseline: JSON.parse(b.data) as Baseline }));
  const latestOf = (endpointId: string) => baselines.find((b) => b.endpointId === endpointId)?.baseline ?? null;
  const endpoint = (row: typeof m.source) => {
    const v = toEndpointView(row);
    const b = latestOf(row.id);
    return { name: v.name, kind: v.kind, address: v.address, tls: v.tls, region: v.region, replicationGroupId: v.replicationGroupId, engine: b?.server.engine ?? null, version: b?.server.version ?? null };
  };
  const { baselines: comparisons, persistence } = compareBaselines(baselines, m);
  const shards = await summarizeShards({ m, baselines, verificationId: verification.verification?.id ?? null, sections });
  const preflight: TReport["preflight"] = preflightRun
    ? {
        ranAt: preflightRun.ranAt.toISOString(),
        ranBy: preflightRun.ranByEmail,
        summary: pickSummary(JSON.parse(preflightRun.summary) as PreflightSummary),
        checks: (JSON.parse(preflightRun.checks) as PreflightCheck[]).map((c) => ({ id: c.id, title: c.title, side: c.side, status: c.status, evidence: c.evidence, fix: c.fix })),
        override: preflightRun.overrideReason ? { reason: preflightRun.overrideReason, by: preflightRun.overriddenBy, at: preflightRun.overriddenAt?.toISOString() ?? null } : null,
      }
    : null;
  const partial = {
    preflight,
    baselines: comparisons,
    persistence,
    sync,
    snapshot,
    replication,
    shards,
    ...verification,
  };
  return ZReport.parse({
    schemaVersion: 2,
    generatedAt: now.toISOString(),
    migration: { id: m.id, name: m.name, strategy: m.strategy, strategyLabel: STRATEGIES[m.strategy as TStrategy]?.label ?? m.strategy, state: m.state, createdAt: m.createdAt.toISOString() },
    endpoints: { source: endpoint(m.source), target: endpoint(m.target) },
    events: events.slice(0, MAX_EVENTS).map((e) => ({ at: e.at.toISOString(), type: e.type, level: e.level, actor: e.actorEmail, message: e.message })),
    eventsTruncated: events.length > MAX_EVENTS,
    ...partial,
    verdict: decideVerdict(partial),
  });
}

function pickSummary(s: PreflightSummary) {
  return { pass: s.pass, warn: s.warn, fail: s.fail, unknown: s.unknown };
}
