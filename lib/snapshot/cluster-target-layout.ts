import { CLUSTER_SLOT_COUNT } from "../redis/cluster/key-slot";

/**
 * The slot range of each node group of a cluster-mode target: the source's own ranges when it has
 * as many shards, else an even split as `redis-cli --cluster create` (and ElastiCache) makes it.
 */
export function targetSlotRanges(numNodeGroups: number, sourceSlots?: string[]): string[] {
  if (sourceSlots?.length === numNodeGroups) return sourceSlots;
  const per = CLUSTER_SLOT_COUNT / numNodeGroups;
  return Array.from({ length: numNodeGroups }, (_, i) => `${Math.round(i * per)}-${Math.round((i + 1) * per) - 1}`);
}

/** What AWS will do with the RDBs, in the operator's words (plan, pre-flight and the restore event). */
export function describeClusterRestore(opts: { numNodeGroups: number; replicasPerNodeGroup: number; rdbCount: number; sourceSlots?: string[] }): string {
  const ranges = targetSlotRanges(opts.numNodeGroups, opts.sourceSlots);
  const split = ranges.map((r, i) => `${String(i + 1).padStart(4, "0")}: ${r}`).join(", ");
  const same = opts.sourceSlots?.length === opts.numNodeGroups;
  return `ElastiCache creates a cluster-mode-enabled group of ${opts.numNodeGroups} shard(s) with ${opts.replicasPerNodeGroup} replica(s) each (slots ${split}${same ? ", as on the source" : ""}) and loads from the ${opts.rdbCount} RDB file(s) every key into the shard owning its slot${same ? "" : " (resharding the source's split)"}. Only database 0 exists in cluster mode: keys in other databases make the restore fail.`;
}
