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
import { readReplicatorShards, readShardFacts, type TReplicatorShardFacts, type TShardFacts } from "./shard-facts";
import { readReplicateCutoverPhase, type TReplicateCutoverPhase } from "./replicate-cutover-phase";
import { queryReplicationSeries, type TReplicationSeries } from "./query-replication-series";
import { readLatestSample, type TLatestSampleRow } from "./sample-reads";

export type TMonitorEvent = { id: string; at: string; type: string; level: string; message: string; actorEmail: string | null };
export type TCloudWatchSeries = { side: string; metric: string; t: number[]; v: (number | null)[] };
/** The latest sample as the page shows it: the stored row's readings, its JSON columns read. */
export type TLatestSample = Omit<TLatestSampleRow, "at" | "srcMemory" | "tgtMemory" | "repl" | "shards"> & {
  at: string;
  /** The key-level replicator's stats at this sample (replicate strategy). */
  repl: TSampleRepl | null;
  /** Cluster mode: each target shard against the source shard owning its slots; [] for one node. */
  shards: TShardFacts[];
  /** Key-level replication from a cluster: each source primary's replicator; [] otherwise. */
  replicatorShards: TReplicatorShardFacts[];
};
export type TPersistence = { at: string; src?: Record<string, unknown>; tgt?: Record<string, unknown> };

export type TMonitorData = {
  serverTime: string;
  migration: { id: string; name: string; state: string; strategy: string; sourceName: string; targetName: string; cutoverAt: string | null; watchUntil: string | null; finalOffsets: unknown };
  range: TRange;
  series: TSampleSeries;
  /** Replicate strategy: the key-level replicator's stats over the same range; null otherwise. */
  replicationSeries: TReplicationSeries | null;
  cloudwatch: TCloudWatchSeries[];
  latest: TLatestSample | null;
  persistence: TPersistence | null;
  events: TMonitorEvent[];
  gate: TCutoverGate;
  /** Replicate strategy: forward and (after cutover) reverse replication. */
  replications: TReplicationState[];
  /** Replicate strategy, between the first cutover confirmation and the recorded cutover. */
  replicateCutover: TReplicateCutoverPhase | null;
};

type TMigrationRow = { id: string; name: string; state: string; strategy: string; cutoverAt: Date | string | null; watchUntil: Date | string | null; finalOffsets: string | null; sourceName: string; targetName: string };
const iso = (v: Date | string) => new Date(v).toISOString();

/**
 * Everything the monitor page polls for, in one call (the samples API route is this function).
 * Its own reads are raw SQL: Prisma's model queries cost about 1 ms of CPU more each (query
 * compiler, row mapping), and the page polls this every second per viewer.
 */
export async function getMonitorData(opts: { migrationId: string; range: TRange; sinceMs?: number; nowMs?: number }): Promise<TMonitorData> {
  const [m] = await db.$queryRawUnsafe<TMigrationRow[]>(
    rawSql(`SELECT m.id, m.name, m.state, m.strategy, m.cutoverAt, m.watchUntil, m.finalOffsets, s.name AS sourceName, t.name AS targetName
     FROM Migration m JOIN Endpoint s ON s.id = m.sourceId JOIN Endpoint t ON t.id = m.targetId WHERE m.id = ?`),
    opts.migrationId,
  );
  if (!m) throw new AppError("NOT_FOUND", "That migration does not exist.");
  const [series, latest] = await Promise.all([
    querySamples({ migrationId: m.id, range: opts.range, nowMs: opts.nowMs }),
    readLatestSample(m.id),
  ]);
  // Persistence rides on a sample about every 30 s: look a few minutes back from the latest
  // sample, never through the whole history of a migration that has none.
  const persistenceFrom = sqlTime(latest ? latest.at.getTime() - 5 * 60_000 : Date.now());
  const [cloudwatch, [persistence], events, gate, replications, replicateCutover, replicationSeries] = await Promise.all([
    cloudWatchSeries(m.id, series.fromMs),
    db.$queryRawUnsafe<{ at: Date | string; persistence: string }[]>(
      rawSql(`SELECT at, persistence FROM SampleAll WHERE migrationId = ? AND at >= ? AND persistence IS NOT NULL ORDER BY at DESC LIMIT 1`), m.id, persistenceFrom,
    ),
    db.$queryRawUnsafe<(Omit<TMonitorEvent, "at"> & { at: Date | string })[]>(
      rawSql(`SELECT id, at, type, level, message, actorEmail FROM Event WHERE migrationId = ? ${opts.sinceMs ? "AND at > ?" : ""} ORDER BY at DESC LIMIT 100`),
      m.id, ...(opts.sinceMs ? [sqlTime(opts.sinceMs)] : []),
    ),
    evaluateCutoverGate({ migrationId: m.id }),
    m.strategy === "replicate" ? readReplications(m.id) : Promise.resolve([]),
    m.strategy === "replicate" && m.state === "cutting-over" && !m.cutoverAt ? readReplicateCutoverPhase(m.id) : Promise.resolve(null),
    m.strategy === "replicate" ? queryReplicationSeries({ migrationId: m.id, fromMs: series.fromMs, toMs: series.toMs }) : Promise.resolve(null),
  ]);
  return {
    serverTime: new Date().toISOString(),
    migration: {
      id: m.id,
      name: m.name,
      state: m.state,
      strategy: m.strategy,
      sourceName: m.sourceName,
      targetName: m.targetName,
      cutoverAt: m.cutoverAt ? iso(m.cutoverAt) : null,
      watchUntil: m.watchUntil ? iso(m.watchUntil) : null,
      finalOffsets: readFinalOffsets(m.finalOffsets),
    },
    range: opts.range,
    series,
    replicationSeries,
    cloudwatch,
    latest: latest ? latestOf(latest) : null,
    persistence: persistence ? { at: iso(persistence.at), ...JSON.parse(persistence.persistence) } : null,
    events: events.map((e) => ({ ...e, at: iso(e.at) })),
    gate,
    replications,
    replicateCutover,
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

function latestOf(r: TLatestSampleRow): TLatestSample {
  const { at, srcOffset, tgtOffset, lagBytes, linkUp, srcKeys, tgtKeys, srcUp, tgtUp } = r;
  return {
    at: at.toISOString(), srcOffset, tgtOffset, lagBytes, linkUp, srcKeys, tgtKeys, srcUp, tgtUp,
    repl: readSampleRepl(r.repl), shards: readShardFacts(r.shards), replicatorShards: readReplicatorShards(r.shards),
  };
}
