import "server-only";
import type { ReplicationGroup } from "@aws-sdk/client-elasticache";
import { describeMemberClusters, describeReplicationGroup } from "../../aws/elasticache";
import { nodeGroupsFrom } from "../../aws/node-groups";
import { readShardReplication, shardNotInSync, type TShardReplication } from "../shard-replication";
import type { TFlowContext } from "../types";

export type TTargetShards = { rg: ReplicationGroup; shards: TShardReplication[]; behind: string[] } | null;

/**
 * A cluster-mode-enabled target read shard by shard: the node groups from DescribeReplicationGroups
 * (every call, so a failover or a new shard is seen), then each shard's replication from its nodes.
 * Null for a cluster-mode-disabled target, whose one primary the caller reads as before.
 */
export async function readTargetShards(ctx: TFlowContext): Promise<TTargetShards> {
  const t = await ctx.target();
  if (!t.aws?.discovered.clusterEnabled) return null;
  const rg = await describeReplicationGroup(t.aws.clients, ctx.migration.target.replicationGroupId!);
  const shards = await readShardReplication(nodeGroupsFrom(rg, await describeMemberClusters(t.aws.clients, rg)), (n) => ctx.targetNodeRedis(n));
  return { rg, shards, behind: shards.map(shardNotInSync).filter((x): x is string => x !== null) };
}
