import "server-only";
import {
  DescribeCacheClustersCommand,
  DescribeReplicationGroupsCommand,
  DescribeServerlessCachesCommand,
  paginateDescribeReplicationGroups,
  type CacheCluster,
  type ReplicationGroup,
  type ServerlessCache,
} from "@aws-sdk/client-elasticache";
import { AppError } from "../errors";
import { runLimited } from "../run-limited";
import { classifyAwsError } from "./classify-aws-error";
import type { AwsClients } from "./clients";
import { nodeEndpointsFrom, type DiscoveredEndpoints } from "./node-endpoints";
import { nodeGroupsFrom, type TNodeGroup } from "./node-groups";

export { classifyAwsError } from "./classify-aws-error";

type Ec = Pick<AwsClients, "elasticache">;

export async function describeReplicationGroup(clients: Ec, replicationGroupId: string): Promise<ReplicationGroup> {
  try {
    const out = await clients.elasticache.send(new DescribeReplicationGroupsCommand({ ReplicationGroupId: replicationGroupId }));
    const rg = out.ReplicationGroups?.[0];
    if (!rg) throw new AppError("AWS_NOT_FOUND", `Replication group ${replicationGroupId} not found. Check the id and the region.`);
    return rg;
  } catch (err) {
    throw classifyAwsError(err, `Replication group ${replicationGroupId}`);
  }
}

export type ReplicationGroupSummary = {
  id: string;
  description: string | null;
  status: string | null;
  engine: string | null;
  nodeType: string | null;
  clusterEnabled: boolean;
  shards: number;
  members: number;
  transitEncryption: boolean;
  multiAz: string | null;
};

/** Every replication group the credential source can see in the region, for the endpoint picker. */
export async function listReplicationGroups(clients: Ec, opts: { maxGroups?: number } = {}): Promise<ReplicationGroupSummary[]> {
  const out: ReplicationGroupSummary[] = [];
  const maxGroups = opts.maxGroups ?? 500;
  try {
    for await (const page of paginateDescribeReplicationGroups({ client: clients.elasticache, pageSize: 100 }, {})) {
      for (const rg of page.ReplicationGroups ?? []) {
        out.push({
          id: rg.ReplicationGroupId ?? "",
          description: rg.Description ?? null,
          status: rg.Status ?? null,
          engine: rg.Engine ?? null,
          nodeType: rg.CacheNodeType ?? null,
          clusterEnabled: rg.ClusterEnabled === true,
          shards: rg.NodeGroups?.length ?? 0,
          members: rg.MemberClusters?.length ?? 0,
          transitEncryption: rg.TransitEncryptionEnabled === true,
          multiAz: rg.MultiAZ ?? null,
        });
        if (out.length >= maxGroups) return out;
      }
    }
  } catch (err) {
    throw classifyAwsError(err, "Listing replication groups");
  }
  return out;
}

/**
 * DescribeCacheClusters calls in flight at once for one group: a group can have ~500 members and
 * AWS throttles bursts per account, which every other Ferry call (and the operator's) shares.
 */
export const MEMBER_CLUSTER_CONCURRENCY = 5;

/** The member clusters of a group with node info (engine version, node endpoints). */
export async function describeMemberClusters(clients: Ec, rg: ReplicationGroup): Promise<CacheCluster[]> {
  const ids = rg.MemberClusters ?? [];
  try {
    // One call per member: DescribeCacheClusters filters by a single id.
    const results = await runLimited(ids, MEMBER_CLUSTER_CONCURRENCY, (id) =>
      clients.elasticache.send(new DescribeCacheClustersCommand({ CacheClusterId: id, ShowCacheNodeInfo: true })),
    );
    return results.flatMap((r) => r.CacheClusters ?? []);
  } catch (err) {
    throw classifyAwsError(err, `Member clusters of ${rg.ReplicationGroupId}`);
  }
}

/** Primary and replica node endpoints of a replication group. */
export async function discoverNodeEndpoints(clients: Ec, replicationGroupId: string): Promise<DiscoveredEndpoints> {
  const rg = await describeReplicationGroup(clients, replicationGroupId);
  const clusters = await describeMemberClusters(clients, rg);
  return nodeEndpointsFrom(rg, clusters);
}

/** The shards of a group (cluster mode enabled: one per node group) with their slots and member endpoints. */
export async function discoverNodeGroups(clients: Ec, replicationGroupId: string): Promise<TNodeGroup[]> {
  const rg = await describeReplicationGroup(clients, replicationGroupId);
  return nodeGroupsFrom(rg, await describeMemberClusters(clients, rg));
}

/** A serverless cache of that name, or null: serverless caches cannot be migration targets. */
export async function findServerlessCache(clients: Ec, name: string): Promise<ServerlessCache | null> {
  try {
    const out = await clients.elasticache.send(new DescribeServerlessCachesCommand({ ServerlessCacheName: name }));
    return out.ServerlessCaches?.[0] ?? null;
  } catch (err) {
    const e = classifyAwsError(err);
    if (e.code === "AWS_NOT_FOUND") return null;
    throw e;
  }
}
