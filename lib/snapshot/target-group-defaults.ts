import type { ReplicationGroup } from "@aws-sdk/client-elasticache";
import { usableNodeBytes } from "../preflight/node-memory";

/** Node types Ferry proposes for a self-managed source, smallest first (current generation, Graviton). */
const PROPOSED = [
  "cache.t4g.micro", "cache.t4g.small", "cache.t4g.medium", "cache.m7g.large", "cache.r7g.large", "cache.r7g.xlarge",
  "cache.r7g.2xlarge", "cache.r7g.4xlarge", "cache.r7g.8xlarge", "cache.r7g.12xlarge", "cache.r7g.16xlarge",
];

/** Room for growth and for the restore itself: the dataset should fill at most two thirds of a node. */
export const MEMORY_HEADROOM = 1.5;

export type TargetShape = { nodeType: string; numNodeGroups: number; replicasPerNodeGroup: number; why: string };

/**
 * The target's shape when the operator did not choose: an ElastiCache source's own shape (its RDBs
 * come one per node group, so the shard count must match), or for a self-managed source the
 * smallest proposed node type whose usable memory holds used_memory x 1.5. Either way Multi-AZ with
 * at least one replica per shard, unless the operator sets 0 replicas.
 */
export function defaultTargetShape(opts: { usedMemoryBytes: number | null; sourceGroup?: ReplicationGroup | null; rdbCount: number }): TargetShape {
  const g = opts.sourceGroup;
  if (g) {
    const shards = g.NodeGroups?.length || opts.rdbCount;
    // At least one replica: Multi-AZ with automatic failover is the default even when the source had none.
    const replicas = Math.max(1, (g.NodeGroups?.[0]?.NodeGroupMembers?.length ?? 1) - 1);
    return { nodeType: g.CacheNodeType ?? "cache.r7g.large", numNodeGroups: shards, replicasPerNodeGroup: replicas, why: `same node type and shards as the source group ${g.ReplicationGroupId}, Multi-AZ with ${replicas} replica(s) per shard` };
  }
  const need = (opts.usedMemoryBytes ?? 0) * MEMORY_HEADROOM / Math.max(1, opts.rdbCount);
  const nodeType = PROPOSED.find((t) => (usableNodeBytes(t) ?? 0) >= need) ?? PROPOSED.at(-1)!;
  const mb = Math.round((opts.usedMemoryBytes ?? 0) / 1024 / 1024);
  return { nodeType, numNodeGroups: Math.max(1, opts.rdbCount), replicasPerNodeGroup: 1, why: `source uses ${mb} MB; ${nodeType} holds it with ${MEMORY_HEADROOM}x headroom; Multi-AZ with one replica per shard` };
}
