import type { CacheCluster, ReplicationGroup } from "@aws-sdk/client-elasticache";

export type DiscoveredNode = {
  host: string;
  port: number;
  role: "primary" | "replica" | "unknown";
  cacheClusterId: string | null;
  cacheNodeId: string | null;
  nodeGroupId: string | null;
  availabilityZone: string | null;
};

export type DiscoveredEndpoints = {
  replicationGroupId: string;
  clusterEnabled: boolean;
  /** Cluster mode enabled: the configuration endpoint clients should use. */
  configurationEndpoint: { host: string; port: number } | null;
  /** Cluster mode disabled: the primary endpoint that follows failover. */
  primaryEndpoint: { host: string; port: number } | null;
  nodes: DiscoveredNode[];
};

/**
 * Node endpoints from DescribeReplicationGroups, completed with DescribeCacheClusters
 * (ShowCacheNodeInfo) where NodeGroupMembers carry no ReadEndpoint or role (cluster mode enabled).
 */
export function nodeEndpointsFrom(rg: ReplicationGroup, clusters: CacheCluster[] = []): DiscoveredEndpoints {
  const byCluster = new Map(clusters.map((c) => [c.CacheClusterId, c]));
  const nodes: DiscoveredNode[] = [];
  const seen = new Set<string>();
  for (const group of rg.NodeGroups ?? []) {
    for (const member of group.NodeGroupMembers ?? []) {
      const cluster = member.CacheClusterId ? byCluster.get(member.CacheClusterId) : undefined;
      const node = cluster?.CacheNodes?.find((n) => n.CacheNodeId === member.CacheNodeId) ?? cluster?.CacheNodes?.[0];
      const endpoint = member.ReadEndpoint ?? node?.Endpoint;
      if (!endpoint?.Address || !endpoint.Port) continue;
      const role = member.CurrentRole === "primary" ? "primary" : member.CurrentRole === "replica" ? "replica" : "unknown";
      nodes.push({
        host: endpoint.Address,
        port: endpoint.Port,
        role,
        cacheClusterId: member.CacheClusterId ?? null,
        cacheNodeId: member.CacheNodeId ?? null,
        nodeGroupId: group.NodeGroupId ?? null,
        availabilityZone: member.PreferredAvailabilityZone ?? node?.CustomerAvailabilityZone ?? null,
      });
      if (member.CacheClusterId) seen.add(member.CacheClusterId);
    }
  }
  // Member clusters the node groups did not describe (seen on some cluster-mode-enabled groups).
  for (const c of clusters) {
    if (!c.CacheClusterId || seen.has(c.CacheClusterId)) continue;
    for (const n of c.CacheNodes ?? []) {
      if (!n.Endpoint?.Address || !n.Endpoint.Port) continue;
      nodes.push({
        host: n.Endpoint.Address,
        port: n.Endpoint.Port,
        role: "unknown",
        cacheClusterId: c.CacheClusterId,
        cacheNodeId: n.CacheNodeId ?? null,
        nodeGroupId: null,
        availabilityZone: n.CustomerAvailabilityZone ?? c.PreferredAvailabilityZone ?? null,
      });
    }
  }
  const primary = rg.NodeGroups?.[0]?.PrimaryEndpoint;
  const cfg = rg.ConfigurationEndpoint;
  return {
    replicationGroupId: rg.ReplicationGroupId ?? "",
    clusterEnabled: rg.ClusterEnabled === true,
    configurationEndpoint: cfg?.Address && cfg.Port ? { host: cfg.Address, port: cfg.Port } : null,
    primaryEndpoint: !rg.ClusterEnabled && primary?.Address && primary.Port ? { host: primary.Address, port: primary.Port } : null,
    nodes,
  };
}
