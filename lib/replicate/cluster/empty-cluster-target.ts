import "server-only";
import type { Redis } from "ioredis";
import { connectRedis } from "../../redis/connect";
import { clusterNodeEndpoint } from "../../redis/cluster/cluster-node-endpoint";
import { readClusterTopology } from "../../redis/cluster/read-cluster-topology";
import { infoString, parseInfo } from "../../redis/info";
import type { TReplicationEnd } from "../types";

/**
 * emptyTarget's cluster half: a flush is node-local, so every primary is flushed (replicas follow).
 * Returns false, flushing nothing, when the target does not run in cluster mode.
 */
export async function emptyClusterTarget(target: TReplicationEnd, seed: Redis): Promise<boolean> {
  // An ACL refusing INFO: treated as a single node, whose own FLUSHALL then answers for itself.
  const info = await seed.info("cluster").catch(() => "");
  if (infoString(parseInfo(info), "cluster_enabled") !== "1") return false;
  const topology = await readClusterTopology({ seed, tls: !!target.redis.tls });
  await Promise.all(topology.shards.map(async (s) => {
    const node = await connectRedis(clusterNodeEndpoint(target.redis, s.primary), { role: "target", connectionName: "ferry-empty-target" });
    try {
      await node.flushall();
    } finally {
      node.disconnect();
    }
  }));
  return true;
}
