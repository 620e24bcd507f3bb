import "server-only";
import { resolveEndpoint } from "../endpoints/resolve-endpoint";
import type { TRedisEndpoint } from "../redis/endpoint";

/** One target shard, its node the sampler reads, and the source primary owning the same slots. */
export type TShardPair = { nodeGroupId: string; source: TRedisEndpoint; target: TRedisEndpoint };

/**
 * The shard pairs of a migration into a cluster-mode-enabled group (pair-shards.ts). Null when the
 * target is not cluster mode (one node per end).
 */
export async function locateShardPairs(sourceId: string, targetId: string): Promise<TShardPair[] | null> {
  const [src, tgt] = await Promise.all([resolveEndpoint(sourceId), resolveEndpoint(targetId)]);
  if (!tgt.aws?.discovered.clusterEnabled || !tgt.row.replicationGroupId) return null;
  const { pairShards } = await import("./pair-shards");
  return pairShards({ source: src.redis, target: tgt.redis, clients: tgt.aws.clients, replicationGroupId: tgt.row.replicationGroupId });
}
