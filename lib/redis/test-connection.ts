import "server-only";
import type { ErrorCode } from "../errors";
import { classifyRedisError } from "./classify-redis-error";
import { lastRedisError, openRedis } from "./connect";
import { describeEndpoint, type RedisTimeouts, type TRedisEndpoint } from "./endpoint";
import { infoNumber, infoString, parseInfo, type KeyspaceEntry, type RedisEngine } from "./info";
import { probeTcp } from "./probe-tcp";
import { roleOf } from "./replication-facts";
import type { TClusterTopology } from "./cluster/cluster-types";
import { probeClusterTopology } from "./cluster/probe-cluster-topology";

export type ConnectionReport =
  | {
      ok: true;
      engine: RedisEngine;
      version: string | null;
      role: "primary" | "replica" | "unknown";
      mode: string;
      usedMemory: number | null;
      maxmemory: number | null;
      keyspace: Record<number, KeyspaceEntry>;
      totalKeys: number;
      latencyMs: number;
      /** Cluster mode only: shards, slot coverage, nodes and roles, as the cluster itself reports them. */
      cluster?: TClusterTopology;
    }
  | { ok: false; code: ErrorCode; message: string; latencyMs: number };

/**
 * "Test connection": a TCP probe, then a read-only Redis session running INFO. Answers within
 * connect + command timeout (a few seconds) with what it found or exactly one classified error.
 */
export async function testConnection(
  endpoint: TRedisEndpoint,
  opts: { timeouts?: Partial<Pick<RedisTimeouts, "connectMs" | "commandMs">> } = {},
): Promise<ConnectionReport> {
  const connectMs = opts.timeouts?.connectMs ?? 3_000;
  const commandMs = opts.timeouts?.commandMs ?? 3_000;
  const started = Date.now();
  const where = describeEndpoint(endpoint);
  const fail = (err: unknown, ctx: Parameters<typeof classifyRedisError>[1]) => {
    const e = classifyRedisError(err, { where, tls: !!endpoint.tls, ...ctx });
    return { ok: false as const, code: e.code, message: e.message, latencyMs: Date.now() - started };
  };

  const tcp = await probeTcp({ host: endpoint.host, port: endpoint.port, timeoutMs: connectMs });
  if (!tcp.reachable) return fail(Object.assign(new Error(tcp.message), { code: tcp.code }), { connecting: true });

  // Read-only even for targets: testing must never change the server it tests.
  const timeouts = { connectMs, commandMs, maxRetriesPerRequest: 0, maxReconnects: 0 };
  const client = openRedis(endpoint, { role: "source", connectionName: "ferry-test-connection", timeouts });
  let deadline: NodeJS.Timeout | undefined;
  try {
    const work = (async () => {
      await client.connect();
      const info = parseInfo(await client.info());
      const cluster = infoString(info, "cluster_enabled") === "1" ? await probeClusterTopology({ seed: client, endpoint, timeouts }) : undefined;
      return { info, cluster };
    })();
    const timeout = new Promise<never>((_, reject) => {
      deadline = setTimeout(() => reject(Object.assign(new Error("timed out"), { code: "ETIMEDOUT" })), connectMs + commandMs);
    });
    work.catch(() => {}); // the race may have settled on the timeout; don't leave an unhandled rejection
    const { info, cluster } = await Promise.race([work, timeout]);
    return {
      ok: true,
      engine: info.engine,
      version: info.version,
      role: roleOf(infoString(info, "role")) ?? "unknown",
      mode: infoString(info, "redis_mode") ?? (infoString(info, "cluster_enabled") === "1" ? "cluster" : "standalone"),
      usedMemory: infoNumber(info, "used_memory"),
      maxmemory: infoNumber(info, "maxmemory"),
      keyspace: info.keyspace,
      totalKeys: Object.values(info.keyspace).reduce((n, e) => n + e.keys, 0),
      latencyMs: Date.now() - started,
      ...(cluster ? { cluster } : {}),
    };
  } catch (err) {
    return fail(lastRedisError(client) ?? err, { tcpReachable: true, connecting: client.status !== "ready" });
  } finally {
    clearTimeout(deadline);
    client.disconnect();
  }
}
