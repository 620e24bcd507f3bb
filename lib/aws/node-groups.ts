import type { CacheCluster, ReplicationGroup } from "@aws-sdk/client-elasticache";
import { nodeEndpointsFrom } from "./node-endpoints";

export type TSlotRange = [number, number];

/** One shard of a cluster-mode-enabled group, as DescribeReplicationGroups/DescribeCacheClusters give it. */
export type TNodeGroup = {
  nodeGroupId: string;
  /** Inclusive slot ranges; empty when AWS gave none (cluster mode disabled). */
  slots: TSlotRange[];
  /** Member node endpoints; which one is the primary is Redis's to say (cluster mode gives no role). */
  members: { cacheClusterId: string | null; host: string; port: number }[];
};

/**
 * The shards of a group from NodeGroups (ids, `Slots` such as "0-5460" or "0-100,200-300") and the
 * member endpoints that DescribeCacheClusters adds where NodeGroupMembers carry none (cluster mode).
 */
export function nodeGroupsFrom(rg: ReplicationGroup, clusters: CacheCluster[] = []): TNodeGroup[] {
  const nodes = nodeEndpointsFrom(rg, clusters).nodes;
  return (rg.NodeGroups ?? []).map((g) => ({
    nodeGroupId: g.NodeGroupId ?? "",
    slots: parseSlotRanges(g.Slots),
    members: nodes
      .filter((n) => n.nodeGroupId === (g.NodeGroupId ?? null))
      .map((n) => ({ cacheClusterId: n.cacheClusterId, host: n.host, port: n.port })),
  }));
}

export function parseSlotRanges(slots: string | undefined): TSlotRange[] {
  if (!slots) return [];
  return slots.split(",").flatMap((part): TSlotRange[] => {
    const m = /^\s*(\d{1,5})(?:-(\d{1,5}))?\s*$/.exec(part);
    if (!m) return [];
    const a = Number(m[1]);
    const b = m[2] === undefined ? a : Number(m[2]);
    return a <= b && b < 16384 ? [[a, b]] : [];
  });
}
