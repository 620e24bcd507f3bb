import "server-only";
import { db } from "../db";
import { rawSql } from "../db-dialect";
import { AppError } from "../errors";
import { readFinalOffsets } from "../migrations/migration-record";
import { evaluateCutoverGate, type TCutoverGate } from "./cutover-gate";
import { m4 } from "./downsample";
import { querySamples, type TRange, type TSampleSeries } from "./query-samples";
import { sqlTime } from "./sql-time";
import { readReplications, type TReplicationState } from "../replication-store/read-replication";
import { readSampleRepl, type TSampleRepl } from "../replication-store/replication-json";

export type TMonitorEvent = { id: string; at: string; type: string; level: string; message: string; actorEmail: string | null };
export type TCloudWatchSeries = { side: string; metric: string; t: number[]; v: (number | null)[] };
export type TLatestSample = {
  at: string;
  srcOffset: number | null;
  tgtOffset: number | null;
  lagBytes: number | null;
  linkUp: boolean | null;
  srcKeys: number | null;
  tgtKeys: number | null;
  srcUp: boolean;
  tgtUp: boolean;
  /** The key-level replicator's stats at this sample (replicate strategy). */
  repl: TSampleRepl | null;
};
export type TPersistence = { at: string; src?: Record<string, unknown>; tgt?: Record<string, unknown> };

export type TMonitorData = {
  serverTime: string;
  migration: { id: string; name: string; state: string; strategy: string; sourceName: string; targetName: string; cutoverAt: string | null; watchUntil: string | null; finalOffsets: unknown };
  range: TRange;
  series: TSampleSeries;
  cloudwatch: TCloudWatchSeries[];
  latest: TLatestSample | null;
  persistence: TPersistence | null;
  events: TMonitorEvent[];
  gate: TCutoverGate;
  /** Replicate strategy: forward and (after cutover) reverse replication. */
  replications: TReplicationState[];
};

/** Everything the monitor page polls for, in one call (the samples API route is this function). */
export async function getMonitorData(opts: { migrationId: string; range: TRange; sinceMs?: number; nowMs?: number }): Promise<TMonitorData> {
  const m = await db.migration.findUnique({
    where: { id: opts.migrationId },
    select: { id: true, name: true, state: true, strategy: true, cutoverAt: true, watchUntil: true, finalOffsets: true, source: { select: { name: true } }, target: { select: { name: true } } },
  });
  if (!m) throw new AppError("NOT_FOUND", "That migration does not exist.");
  const [series, latest] = await Promise.all([
    querySamples({ migrationId: m.id, range: opts.range, nowMs: opts.nowMs }),
    db.sample.findFirst({
      where: { migrationId: m.id },
      orderBy: { at: "desc" },
      select: { at: true, srcOffset: true, tgtOffset: true, lagBytes: true, linkUp: true, srcKeys: true, tgtKeys: true, srcUp: true, tgtUp: true, repl: true },
    }),
  ]);
  // Persistence rides on a sample about every 30 s: look a few minutes back from the latest
  // sample, never through the whole history of a migration that has none.
  const persistenceFrom = latest ? new Date(latest.at.getTime() - 5 * 60_000) : new Date();
  const [cloudwatch, persistence, events, gate, replications] = await Promise.all([
    cloudWatchSeries(m.id, series.fromMs),
    db.sample.findFirst({ where: { migrationId: m.id, at: { gte: persistenceFrom }, persistence: { not: null } }, orderBy: { at: "desc" }, select: { at: true, persistence: true } }),
    db.event.findMany({
      where: { migrationId: m.id, ...(opts.sinceMs ? { at: { gt: new Date(opts.sinceMs) } } : {}) },
      orderBy: { at: "desc" },
      take: 100,
      select: { id: true, at: true, type: true, level: true, message: true, actorEmail: true },
    }),
    evaluateCutoverGate({ migrationId: m.id }),
    m.strategy === "replicate" ? readReplications(m.id) : Promise.resolve([]),
  ]);
  return {
    serverTime: new Date().toISOString(),
    migration: {
      id: m.id,
      name: m.name,
      state: m.state,
      strategy: m.strategy,
      sourceName: m.source.name,
      targetName: m.target.name,
      cutoverAt: m.cutoverAt?.toISOString() ?? null,
      watchUntil: m.watchUntil?.toISOString() ?? null,
      finalOffsets: readFinalOffsets(m.finalOffsets),
    },
    range: opts.range,
    series,
    cloudwatch,
    latest: latest ? { ...latest, at: latest.at.toISOString(), repl: readSampleRepl(latest.repl) } : null,
    persistence: persistence?.persistence ? { at: persistence.at.toISOString(), ...JSON.parse(persistence.persistence) } : null,
    events: events.map((e) => ({ ...e, at: e.at.toISOString() })),
    gate,
    replications,
  };
}

async function cloudWatchSeries(migrationId: string, fromMs: number): Promise<TCloudWatchSeries[]> {
  const rows = await db.$queryRawUnsafe<{ side: string; metric: string; at: Date; value: number }[]>(
    rawSql(`SELECT side, metric, at, value FROM MetricPoint WHERE migrationId = ? AND at >= ? ORDER BY side, metric, at`), migrationId, sqlTime(fromMs),
  );
  const out = new Map<string, TCloudWatchSeries>();
  for (const r of rows) {
    const key = `${r.side}/${r.metric}`;
    let s = out.get(key);
    if (!s) out.set(key, (s = { side: r.side, metric: r.metric, t: [], v: [] }));
    s.t.push(new Date(r.at).getTime() / 1000);
    s.v.push(r.value);
  }
  return [...out.values()].map((s) => ({ ...s, ...m4(s.t, s.v, 2_000) }));
}
