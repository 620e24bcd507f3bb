import "server-only";
import { getAwsClients, type AwsClientOptions } from "../aws/clients";
import { describeServerlessCache, type TServerlessCacheView } from "../aws/serverless-migration-query";
import { connectRedis } from "../redis/connect";
import { parseInfo } from "../redis/info";
import type { TServerlessTargetFacts } from "./serverless-checks";

export type TServerlessTargetInput = Omit<TServerlessTargetFacts, "cache" | "error" | "keys"> & { aws: AwsClientOptions; password?: string; tls: boolean };

/** Describes the cache (Describe only) and, while no migration proxies its endpoint, reads its keyspace read-only. */
export async function gatherServerlessTarget(input: TServerlessTargetInput): Promise<TServerlessTargetFacts> {
  const { aws, password, tls, ...rest } = input;
  let cache: TServerlessCacheView | null = null;
  try {
    cache = await describeServerlessCache(getAwsClients(aws), input.name);
  } catch (err) {
    return { ...rest, cache: null, error: (err as Error).message, keys: null };
  }
  return { ...rest, cache, keys: cache.migration || !cache.endpoint ? null : await keysAt(cache.endpoint, password, tls) };
}

async function keysAt(ep: { address: string; port: number }, password: string | undefined, tls: boolean): Promise<number | null> {
  try {
    const c = await connectRedis({ host: ep.address, port: ep.port, password, tls }, { role: "source", connectionName: "ferry-preflight-serverless", timeouts: { connectMs: 3_000, commandMs: 3_000 } });
    try {
      return Object.values(parseInfo(await c.info("keyspace")).keyspace).reduce((n, e) => n + e.keys, 0);
    } finally {
      c.disconnect();
    }
  } catch {
    return null;
  }
}
