import "server-only";
import type { Redis } from "ioredis";
import { openRedis } from "../connect";
import type { RedisTimeouts, TRedisEndpoint } from "../endpoint";
import { clusterNodeEndpoint } from "./cluster-node-endpoint";
import type { TClusterTopology } from "./cluster-types";
import { readClusterTopology, type TCallClient } from "./read-cluster-topology";

/**
 * The topology of the cluster `seed` (an open, read-only client of `endpoint`) belongs to, asking
 * every primary for its slot moves through short-lived read-only clients with the caller's
 * timeouts; those clients are closed before this returns.
 */
export async function probeClusterTopology(opts: {
  seed: TCallClient;
  endpoint: TRedisEndpoint;
  timeouts: Partial<RedisTimeouts>;
}): Promise<TClusterTopology> {
  const opened: Redis[] = [];
  try {
    return await readClusterTopology({
      seed: opts.seed,
      tls: !!opts.endpoint.tls,
      nodeClient: async (node) => {
        const c = openRedis(clusterNodeEndpoint(opts.endpoint, node), { role: "source", connectionName: "ferry-test-connection", timeouts: opts.timeouts });
        opened.push(c);
        await c.connect();
        return c;
      },
    });
  } finally {
    for (const c of opened) c.disconnect();
  }
}
