import "server-only";
import type { Redis } from "ioredis";
import { classifyRedisError } from "../redis/classify-redis-error";
import { parseInfo, type ParsedInfo } from "../redis/info";
import { advertisesNoTouch, NO_TOUCH_PROBE } from "../redis/no-touch";
import { sampleKeys, type KeySample } from "../redis/sample-keys";

/** Commands ElastiCache's replication and Ferry's copy depend on; a rename breaks them silently. */
export const PROBED_COMMANDS = [
  "sync", "psync", "replconf", "info", "config", "command", "cluster", "ping", "select", "multi", "exec",
  "get", "set", "del", "expire", "pexpire", "hset", "rpush", "sadd", "zadd", "xadd", "restore", "dump", "scan",
  "type", "pttl", "replicaof", "slaveof",
] as const;

export const READ_CONFIG_PARAMS = [
  "protected-mode", "bind", "databases", "notify-keyspace-events", "maxmemory", "appendonly", "save",
  "dir", "dbfilename", "proto-max-bulk-len", "cluster-enabled",
] as const;

export type Maybe<T> = { value: T; error: null } | { value: null; error: string };

/** Everything pre-flight reads from one Redis, gathered once with read-only commands. */
export type RedisFacts = {
  where: string;
  info: ParsedInfo;
  config: Record<string, Maybe<string>>;
  /** present | missing (renamed or disabled) per probed command; null when COMMAND itself is unavailable. */
  commands: Maybe<Record<string, "present" | "missing">>;
  modules: Maybe<string[]>;
  /** Number of primaries in cluster mode (CLUSTER INFO cluster_size), 1 when not clustered. */
  shards: Maybe<number>;
  sample: Maybe<KeySample>;
  /** RDB version found at the end of a DUMP payload of a sampled key (probe, not a version table). */
  dumpRdbVersion: number | null;
  /** Whether a connection without credentials is refused (AUTH needed); null when not probed. */
  requiresAuth: boolean | null;
  /** masterauth is configured (value never kept), for REPLICAOF targets. */
  masterauthSet: boolean | null;
  /** COMMAND INFO advertises CLIENT NO-TOUCH (verification can read without touching LRU/LFU). */
  noTouch?: Maybe<boolean>;
};

export type GatherOptions = {
  sampleSize: number;
  /** Probes a credential-less connection; the caller supplies it because it opens a socket. */
  probeAuth?: () => Promise<boolean | null>;
};

export async function gatherRedisFacts(client: Redis, where: string, opts: GatherOptions): Promise<RedisFacts> {
  const info = parseInfo(await client.info("everything").catch(() => client.info()));
  const config: Record<string, Maybe<string>> = {};
  for (const p of READ_CONFIG_PARAMS) config[p] = await configGet(client, p);
  // masterauth is a secret: keep only whether it is set.
  const masterauth = await configGet(client, "masterauth");
  const commands = await attempt(async () => {
    const reply = (await client.call("COMMAND", "INFO", ...PROBED_COMMANDS)) as unknown[];
    return Object.fromEntries(PROBED_COMMANDS.map((c, i) => [c, reply[i] ? "present" : "missing"])) as Record<string, "present" | "missing">;
  });
  const modules = await attempt(async () => {
    const reply = (await client.call("MODULE", "LIST")) as unknown[];
    return reply.map((m) => moduleName(m)).filter((n): n is string => !!n);
  });
  const clustered = info.fields.cluster_enabled === "1";
  const shards = clustered
    ? await attempt(async () => Number(parseInfo(String(await client.call("CLUSTER", "INFO"))).fields.cluster_size))
    : ({ value: 1, error: null } as const);
  const keysPerDb = Object.fromEntries(Object.entries(info.keyspace).map(([db, e]) => [db, e.keys]));
  const sample = await attempt(() => sampleKeys(client, { sampleSize: opts.sampleSize, keysPerDb }));
  const noTouch = await attempt(async () => advertisesNoTouch(await client.call(...NO_TOUCH_PROBE)));
  const dumpRdbVersion = sample.value?.keys[0] ? await probeDumpVersion(client, sample.value.keys[0]) : null;
  return {
    where,
    info,
    config,
    commands,
    modules,
    shards,
    sample,
    dumpRdbVersion,
    requiresAuth: opts.probeAuth ? await opts.probeAuth().catch(() => null) : null,
    masterauthSet: masterauth.value === null ? null : masterauth.value !== "",
    noTouch,
  };
}

async function configGet(client: Redis, parameter: string): Promise<Maybe<string>> {
  return attempt(async () => {
    const reply = (await client.config("GET", parameter)) as unknown as string[];
    if (!Array.isArray(reply) || reply.length < 2) throw new Error(`CONFIG GET ${parameter} returned nothing`);
    return String(reply[1]);
  });
}

async function attempt<T>(read: () => Promise<T>): Promise<Maybe<T>> {
  try {
    return { value: await read(), error: null };
  } catch (err) {
    const raw = (err as Error)?.message ?? String(err);
    const e = classifyRedisError(err);
    return { value: null, error: e.code === "REDIS_ERROR" ? raw.split("\n")[0].slice(0, 160) : e.message };
  }
}

function moduleName(entry: unknown): string | null {
  // RESP2: ["name", "search", "ver", 20800, ...]
  if (!Array.isArray(entry)) return null;
  const i = entry.findIndex((x) => String(x) === "name");
  return i >= 0 && entry[i + 1] !== undefined ? String(entry[i + 1]) : null;
}

/** A DUMP payload ends with a 2-byte little-endian RDB version and an 8-byte CRC64. */
async function probeDumpVersion(client: Redis, key: { db: number; key: string; keyHex?: string }): Promise<number | null> {
  const name = key.keyHex ? Buffer.from(key.keyHex, "hex") : key.key;
  const originalDb = (client.options.db as number | undefined) ?? 0;
  try {
    if (key.db !== originalDb) await client.select(key.db);
    const payload = await client.dumpBuffer(name);
    if (!payload || payload.length < 10) return null;
    return payload.readUInt16LE(payload.length - 10);
  } catch {
    return null;
  } finally {
    if (key.db !== originalDb) await client.select(originalDb).catch(() => {});
  }
}
