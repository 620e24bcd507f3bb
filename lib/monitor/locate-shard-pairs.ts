import "server-only";
import { discoverNodeGroups } from "../aws/elasticache";
import { resolveEndpoint } from "../endpoints/resolve-endpoint";
import { readShardReplication } from "../flows/shard-replication";
import { openRedis } from "../redis/connect";
import type { TRedisEndpoint } from "../redis/endpoint";
import { clusterNodeEndpoint } from "../redis/cluster/cluster-node-endpoint";
import { readClusterTopology } from "../redis/cluster/read-cluster-topology";

/** One target shard, its node the sampler reads, and the source primary owning the same slots. */
export type TShardPair = { nodeGroupId: string; source: TRedisEndpoint; target: TRedisEndpoint };

/**
 * The shard pairs of a migration into a cluster-mode-enabled group: the target's node groups from
 * DescribeReplicationGroups (the member replicating from outside the group, else its primary) and
 * the source primaries from the cluster's own topology, paired by the first slot each target shard
 * owns. Null when the target is not cluster mode (one node per end).
 */
export async function locateShardPairs(sourceId: string, targetId: string): Promise<TShardPair[] | null> {
  const [src, tgt] = await Promise.all([resolveEndpoint(sourceId), resolveEndpoint(targetId)]);
  if (!tgt.aws?.discovered.clusterEnabled || !tgt.row.replicationGroupId) return null;
  const opened: { disconnect(): void }[] = [];
  const open = (e: TRedisEndpoint) => {
    const c = openRedis(e, { role: "source", connectionName: "ferry-monitor-topology", timeouts: { connectMs: 2_000, commandMs: 2_000, maxReconnects: 0 } });
    opened.push(c);
    return c;
  };
  try {
    const groups = await discoverNodeGroups(tgt.aws.clients, tgt.row.replicationGroupId);
    // A source that is down or not a cluster throws: the caller samples one node per end and asks again later.
    const topology = await readClusterTopology({ seed: open(src.redis) });
    const chosen = await readShardReplication(groups, async (n) => open(clusterNodeEndpoint(tgt.redis, n)));
    return groups.flatMap((g, i): TShardPair[] => {
      const first = g.slots[0]?.[0];
      const owner = topology.shards.find((s) => s.slots.some(([a, b]) => first !== undefined && first >= a && first <= b));
      const node = chosen[i].node;
      if (!owner || !node) return [];
      return [{ nodeGroupId: g.nodeGroupId, source: clusterNodeEndpoint(src.redis, owner.primary), target: clusterNodeEndpoint(tgt.redis, node) }];
    });
  } finally {
    for (const c of opened) c.disconnect();
  }
}
