import "server-only";
import { discoverNodeGroups } from "../aws/elasticache";
import type { AwsClients } from "../aws/clients";
import { readShardReplication } from "../flows/shard-replication";
import { openRedis } from "../redis/connect";
import type { TRedisEndpoint } from "../redis/endpoint";
import { clusterNodeEndpoint } from "../redis/cluster/cluster-node-endpoint";
import { readClusterTopology } from "../redis/cluster/read-cluster-topology";
import type { TShardPair } from "./locate-shard-pairs";

/**
 * The target's node groups from DescribeReplicationGroups (the member replicating from outside the
 * group, else its primary) paired with the source primaries from the cluster's own topology, by
 * the first slot each target shard owns. Loaded by locate-shard-pairs.ts only for a cluster-mode
 * ElastiCache target, so that sampling single-node ends needs neither the AWS SDK nor ioredis.
 */
export async function pairShards(o: { source: TRedisEndpoint; target: TRedisEndpoint; clients: AwsClients; replicationGroupId: string }): Promise<TShardPair[]> {
  const opened: { disconnect(): void }[] = [];
  const open = (e: TRedisEndpoint) => {
    const c = openRedis(e, { role: "source", connectionName: "ferry-monitor-topology", timeouts: { connectMs: 2_000, commandMs: 2_000, maxReconnects: 0 } });
    opened.push(c);
    return c;
  };
  try {
    const groups = await discoverNodeGroups(o.clients, o.replicationGroupId);
    // A source that is down or not a cluster throws: the caller samples one node per end and asks again later.
    const topology = await readClusterTopology({ seed: open(o.source) });
    const chosen = await readShardReplication(groups, async (n) => open(clusterNodeEndpoint(o.target, n)));
    return groups.flatMap((g, i): TShardPair[] => {
      const first = g.slots[0]?.[0];
      const owner = topology.shards.find((s) => s.slots.some(([a, b]) => first !== undefined && first >= a && first <= b));
      const node = chosen[i].node;
      if (!owner || !node) return [];
      return [{ nodeGroupId: g.nodeGroupId, source: clusterNodeEndpoint(o.source, owner.primary), target: clusterNodeEndpoint(o.target, node) }];
    });
  } finally {
    for (const c of opened) c.disconnect();
  }
}
