import "server-only";
import { ClusterRouter } from "../../redis/cluster/cluster-router";
import { clusterNodeEndpoint } from "../../redis/cluster/cluster-node-endpoint";
import type { TRedisEndpoint } from "../../redis/endpoint";

/**
 * Re-reads a source cluster's topology. The node it was read from may be the one that died (a
 * hard failover of the seed's shard): then every other node last known is tried as the seed, so
 * Ferry keeps following the cluster the operator registered by one address.
 */
export async function refreshOrReseed(router: ClusterRouter, seed: TRedisEndpoint): Promise<ClusterRouter> {
  try {
    await router.refresh();
    return router;
  } catch (err) {
    const known = router.topology.shards.flatMap((s) => [s.primary, ...s.replicas]);
    for (const node of known) {
      const next = await ClusterRouter.open({ seed: clusterNodeEndpoint(seed, node), role: "source", connectionName: "ferry-replicate-topology" }).catch(() => null);
      if (!next) continue;
      router.close();
      return next;
    }
    throw err;
  }
}
