import type { LabContext } from "../context";
import { busPortOf, startRedisCluster } from "../redis-cluster";
import { NODE_ARGS } from "./group-nodes";
import { elastiCacheNodeArgs, openLabAdmin } from "./refused-commands";
import type { Group } from "./state";

const AZS = ["a", "b", "c"];

/**
 * Failure detection of the lab's cluster-mode groups: short, so TestFailover and tests stay quick.
 * Not CLUSTER_NODE_TIMEOUT_MS (5 s): with it, TestFailover on these nodes stalled past 15 s, which
 * is not understood yet (a plain cluster fails over in ~60 ms with either value).
 */
export const LAB_CLUSTER_NODE_TIMEOUT_MS = 2000;

/**
 * Redis arguments of every node of a cluster-mode-enabled group. Every node gets the replica's
 * internal credentials because any node may become a replica after a failover.
 */
export const clusterGroupNodeArgs = (): string[] => [...NODE_ARGS, ...elastiCacheNodeArgs("replica")];

/**
 * Starts a cluster-mode-enabled group as a real Redis Cluster: one shard per node group, its slots
 * as `g.shards[].slots` says, formed through the lab's privileged connection because the nodes
 * deny CLUSTER MEET/ADDSLOTSRANGE/REPLICATE to clients, as ElastiCache's do.
 */
export async function startClusterGroupNodes(ctx: LabContext, g: Group, ids: string[][]): Promise<void> {
  const cluster = await startRedisCluster({
    baseDir: `${ctx.dir}/nodes`,
    names: ids,
    layout: g.shards.map((s, i) => ({ slots: parseSlots(s.slots!), replicas: ids[i].length - 1 })),
    args: clusterGroupNodeArgs(),
    nodeTimeoutMs: LAB_CLUSTER_NODE_TIMEOUT_MS,
    admin: openLabAdmin,
  });
  if (ctx.isStopped) return cluster.stop();
  const now = new Date();
  cluster.shards.forEach((sh, s) => {
    g.shards[s].members = [sh.primary, ...sh.replicas].map((redis, n) => ({
      clusterId: ids[s][n], role: n === 0 ? "primary" : "replica", az: `${ctx.region}${AZS[n % 3]}`,
      redis, createdAt: now, busPort: busPortOf(redis),
    }));
  });
}

/** "0-5460" -> [0, 5460]. */
export function parseSlots(slots: string): [number, number] {
  const [a, b] = slots.split("-").map(Number);
  return [a, b ?? a];
}
