import "server-only";
import { connectRedis } from "@/lib/redis/connect";
import type { TRedisEndpoint } from "@/lib/redis/endpoint";
import { infoString, parseInfo } from "@/lib/redis/info";

/** Whether an end runs in cluster mode (INFO cluster), through a short read-only session. */
export async function isClusterEnd(endpoint: TRedisEndpoint): Promise<boolean> {
  const c = await connectRedis(endpoint, { role: "source", connectionName: "ferry-verify-topology", timeouts: { maxRetriesPerRequest: 0, maxReconnects: 0 } });
  try {
    return infoString(parseInfo(await c.info("cluster")), "cluster_enabled") === "1";
  } finally {
    c.disconnect();
  }
}
