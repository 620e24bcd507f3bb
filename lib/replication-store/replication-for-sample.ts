import "server-only";
import { db } from "../db";
import type { TReplicationShardStats } from "../replicate/types";
import { STATS_STALE_MS } from "./read-replication";
import { readSampleCompare, readStats, writeJson } from "./replication-json";

/** A sample's part of a replicate migration: the stats (Sample.repl) and, for a cluster source, each primary's row (Sample.shards). */
export type TReplicationForSample = { repl: string; shards: TReplicationShardStats[] };

/**
 * What the 1 Hz sample stores of a replicate migration: the running replicator's latest stats
 * (reverse after cutover), or null when none runs or its process stopped reporting. The per-shard
 * rows travel apart, to be stored in Sample.shards as the online strategy stores its shard pairs.
 */
export async function replicationForSample(migrationId: string, now = Date.now()): Promise<TReplicationForSample | null> {
  const rows = await db.replication.findMany({ where: { migrationId, status: "running" }, select: { direction: true, stats: true, statsAt: true, lastCompare: true } });
  const row = rows.find((r) => r.direction === "reverse") ?? rows[0];
  if (!row?.statsAt || now - row.statsAt.getTime() > STATS_STALE_MS) return null;
  const stats = readStats(row.stats);
  if (!stats) return null;
  const { shards = [], ...rest } = stats;
  return { repl: writeJson({ ...rest, direction: row.direction === "reverse" ? "reverse" : "forward", lastCompare: readSampleCompare(row.lastCompare) }), shards };
}
