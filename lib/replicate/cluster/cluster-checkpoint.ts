import type { TClusterShard } from "../../redis/cluster/cluster-types";
import { mergeRanges } from "../../redis/cluster/slot-coverage";
import type { TReplicationCheckpoint } from "../types";

type TShardCheckpoint = Omit<TReplicationCheckpoint, "shards">;

/** A source shard's stable name across failovers (its primary changes, its slots do not): "0-5460" or "0-99,200-300". */
export function shardKeyOf(shard: Pick<TClusterShard, "slots">): string {
  return mergeRanges(shard.slots).map(([a, b]) => `${a}-${b}`).join(",");
}

/** The flow's one checkpoint: totals over the shards, each shard's own beside them. */
export function mergeShardCheckpoints(shards: Map<string, TShardCheckpoint>, dbs: number[]): TReplicationCheckpoint {
  const all = [...shards.values()];
  const scanDone = all.length > 0 && all.every((cp) => dbs.every((db) => cp.dbs[String(db)]?.scanDone));
  return {
    phase: all.length > 0 && all.every((cp) => cp.phase === "live") ? "live" : "initial-copy",
    // Cursors are per node: the merged view only says whether every node's scan finished.
    dbs: Object.fromEntries(dbs.map((db) => [String(db), { cursor: "0", scanDone }])),
    keysCopied: all.reduce((k, cp) => k + cp.keysCopied, 0),
    bytesCopied: all.reduce((k, cp) => k + cp.bytesCopied, 0),
    needsRepair: all.some((cp) => cp.needsRepair),
    shards: Object.fromEntries(shards),
  };
}

/**
 * Where a shard's replicator resumes. A SCAN cursor means nothing on another node, so a shard
 * whose primary changed (a failover) or that is new (a resharding) rescans from 0 unless its scan
 * had finished; either way events were lost meanwhile, so a repair pass follows.
 */
export function resumeShard(saved: TShardCheckpoint | undefined, samePrimary: boolean): TShardCheckpoint {
  if (!saved) return { phase: "initial-copy", dbs: {}, keysCopied: 0, bytesCopied: 0, needsRepair: true };
  const dbs = samePrimary
    ? saved.dbs
    : Object.fromEntries(Object.entries(saved.dbs).map(([db, s]) => [db, s.scanDone ? s : { cursor: "0", scanDone: false }]));
  return { ...structuredClone(saved), dbs, needsRepair: true };
}
