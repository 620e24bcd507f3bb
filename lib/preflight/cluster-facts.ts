import "server-only";
import type { Redis } from "ioredis";
import { connectRedis } from "../redis/connect";
import { describeEndpoint, type RedisTimeouts, type TRedisEndpoint } from "../redis/endpoint";
import { infoNumber, infoString, parseInfo } from "../redis/info";
import { clusterNodeEndpoint } from "../redis/cluster/cluster-node-endpoint";
import type { TClusterTopology, TSlotRange } from "../redis/cluster/cluster-types";
import { probeClusterTopology } from "../redis/cluster/probe-cluster-topology";
import type { Maybe } from "./redis-facts";

export type TClusterPrimaryFacts = {
  label: string;
  slots: TSlotRange[];
  version: string | null;
  usedMemory: number | null;
  maxmemory: number | null;
  maxmemoryPolicy: Maybe<string>;
  notifyKeyspaceEvents: Maybe<string>;
  /** ElastiCache: the parameter group the two settings above were read from (its nodes refuse CONFIG). */
  parameterGroup?: string;
  /** Why this primary could not be read (the other fields are then null). */
  error: string | null;
};

export type TClusterFacts = { topology: TClusterTopology; primaries: TClusterPrimaryFacts[] };

/** A cluster's topology and, from each primary in turn (read-only sessions), what the per-shard checks need. */
export async function gatherClusterFacts(seed: Redis, endpoint: TRedisEndpoint, timeouts: Partial<RedisTimeouts>): Promise<Maybe<TClusterFacts>> {
  let topology: TClusterTopology;
  try {
    topology = await probeClusterTopology({ seed, endpoint, timeouts });
  } catch (err) {
    return { value: null, error: `CLUSTER SHARDS/NODES failed: ${(err as Error).message}` };
  }
  const primaries = await Promise.all(topology.shards.map(async (s): Promise<TClusterPrimaryFacts> => {
    const ep = clusterNodeEndpoint(endpoint, s.primary);
    const base = { label: describeEndpoint(ep), slots: s.slots };
    try {
      const c = await connectRedis(ep, { role: "source", connectionName: "ferry-preflight-cluster", timeouts });
      try {
        const info = parseInfo(await c.info());
        return {
          ...base,
          version: infoString(info, "redis_version"),
          usedMemory: infoNumber(info, "used_memory_dataset") ?? infoNumber(info, "used_memory"),
          maxmemory: infoNumber(info, "maxmemory"),
          maxmemoryPolicy: await configGet(c, "maxmemory-policy"),
          notifyKeyspaceEvents: await configGet(c, "notify-keyspace-events"),
          error: null,
        };
      } finally {
        c.disconnect();
      }
    } catch (err) {
      const unread = { value: null, error: "not read" } as const;
      return { ...base, version: null, usedMemory: null, maxmemory: null, maxmemoryPolicy: unread, notifyKeyspaceEvents: unread, error: (err as Error).message };
    }
  }));
  return { value: { topology, primaries }, error: null };
}

async function configGet(c: Redis, parameter: string): Promise<Maybe<string>> {
  try {
    const reply = (await c.config("GET", parameter)) as unknown as string[];
    return Array.isArray(reply) && reply.length >= 2 ? { value: String(reply[1]), error: null } : { value: null, error: "no value" };
  } catch (err) {
    return { value: null, error: String((err as Error).message).split("\n")[0].slice(0, 160) };
  }
}
