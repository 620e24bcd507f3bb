import "server-only";
import type { Redis } from "ioredis";
import type { Baseline } from "./baseline-types";
import { infoNumber, infoString, parseInfo, type ParsedInfo } from "./info";
import { toBoolean, toInteger } from "./info-values";
import { replicationFacts } from "./replication-facts";
import { sampleKeys } from "./sample-keys";
import { captureShardBaselines } from "./baseline-shards";
import type { BaselineShard } from "./baseline-types";
import type { KeyspaceEntry } from "./info";

export type { Baseline, BaselineReplica } from "./baseline-types";

export type CaptureBaselineOptions = {
  /** Keys to examine with TYPE + MEMORY USAGE (default 1,000). */
  sampleSize?: number;
  /** How many of the biggest sampled keys to keep (default 10). */
  topN?: number;
};

/**
 * A point-in-time record of one end: counts, memory, persistence, replication, version and a
 * bounded key sample. Uses only read commands, so it is safe on a read-only source client.
 */
export async function captureBaseline(client: Redis, opts: CaptureBaselineOptions = {}): Promise<Baseline> {
  const sampleSize = opts.sampleSize ?? 1_000;
  const topN = opts.topN ?? 10;
  const capturedAt = new Date().toISOString();
  const info = parseInfo(await client.info("everything").catch(() => client.info()));
  const databases = await configGetNumber(client, "databases");

  const keysPerDb = Object.fromEntries(Object.entries(info.keyspace).map(([db, e]) => [db, e.keys]));
  const sample = await sampleKeys(client, { sampleSize, keysPerDb });
  const typeHistogram: Record<string, number> = {};
  for (const k of sample.keys) typeHistogram[k.type] = (typeHistogram[k.type] ?? 0) + 1;
  const biggestKeys = [...sample.keys]
    .filter((k) => k.bytes !== null)
    .sort((a, b) => (b.bytes ?? 0) - (a.bytes ?? 0))
    .slice(0, topN);

  const shards = infoString(info, "cluster_enabled") === "1" ? await captureShardBaselines(client) : undefined;
  const keyspace = shards ? sumKeyspaces(shards) : info.keyspace;
  return {
    capturedAt,
    server: {
      engine: info.engine,
      version: info.version,
      mode: infoString(info, "redis_mode"),
      databases: databases.value,
      databasesNote: databases.value === null ? `CONFIG GET databases unavailable (${databases.reason}); ElastiCache uses 16.` : null,
      uptimeSeconds: infoNumber(info, "uptime_in_seconds"),
    },
    keyspace,
    totalKeys: Object.values(keyspace).reduce((n, e) => n + e.keys, 0),
    ...(shards ? { shards } : {}),
    memory: {
      // A cluster's dataset is spread over its primaries: their memory is the end's.
      used: shards ? shards.reduce((n, s) => n + (s.usedMemory ?? 0), 0) : infoNumber(info, "used_memory"),
      peak: infoNumber(info, "used_memory_peak"),
      max: infoNumber(info, "maxmemory"),
      fragmentationRatio: infoNumber(info, "mem_fragmentation_ratio"),
      policy: infoString(info, "maxmemory_policy"),
      evictedKeys: infoNumber(info, "evicted_keys"),
      totalSystemMemory: infoNumber(info, "total_system_memory"),
    },
    persistence: {
      aofEnabled: toBoolean(infoString(info, "aof_enabled")),
      aofCurrentSize: infoNumber(info, "aof_current_size"),
      aofRewriteInProgress: toBoolean(infoString(info, "aof_rewrite_in_progress")),
      rdbBgsaveInProgress: toBoolean(infoString(info, "rdb_bgsave_in_progress")),
      rdbLastBgsaveStatus: infoString(info, "rdb_last_bgsave_status"),
      rdbLastBgsaveTimeSec: infoNumber(info, "rdb_last_bgsave_time_sec"),
      rdbChangesSinceLastSave: infoNumber(info, "rdb_changes_since_last_save"),
      rdbLastSaveTime: infoNumber(info, "rdb_last_save_time"),
    },
    replication: replicationOf(info),
    sample: { requested: sample.requested, sampled: sample.sampled, complete: sample.complete, typeHistogram, biggestKeys },
  };
}

function sumKeyspaces(shards: BaselineShard[]): Record<number, KeyspaceEntry> {
  const out: Record<number, KeyspaceEntry> = {};
  for (const s of shards) {
    for (const [db, e] of Object.entries(s.keyspace)) {
      const acc = out[Number(db)];
      out[Number(db)] = acc ? { ...acc, keys: acc.keys + e.keys, expires: acc.expires + e.expires } : { ...e };
    }
  }
  return out;
}

function replicationOf(info: ParsedInfo): Baseline["replication"] {
  const r = replicationFacts(info);
  const role = r.role ?? "unknown";
  return {
    role,
    masterReplOffset: r.masterReplOffset,
    masterReplid: r.masterReplid,
    connectedReplicas: r.connectedReplicas,
    replicas: info.replicas.map((x) => ({
      ip: x.ip,
      port: x.port,
      state: x.state,
      offset: x.offset,
      lagBytes: r.masterReplOffset !== null && x.offset !== null ? Math.max(0, r.masterReplOffset - x.offset) : null,
      lagSeconds: x.lag,
    })),
    link:
      role === "replica"
        ? {
            masterHost: r.masterHost,
            masterPort: r.masterPort,
            status: infoString(info, "master_link_status"),
            lastIoSecondsAgo: r.lastIoSecondsAgo,
            syncInProgress: r.syncInProgress,
            replOffset: r.slaveReplOffset,
            linkDownSinceSeconds: r.linkDownSinceSeconds,
          }
        : null,
  };
}

/** CONFIG GET of one numeric parameter, or the reason it is unavailable (renamed, ACL, ElastiCache). */
export async function configGetNumber(client: Redis, parameter: string): Promise<{ value: number | null; reason: string | null }> {
  try {
    const reply = (await client.config("GET", parameter)) as unknown as string[];
    const value = toInteger(reply?.[1]);
    return value === null ? { value: null, reason: "no value returned" } : { value, reason: null };
  } catch (err) {
    return { value: null, reason: (err as Error).message.split("\n")[0].slice(0, 120) };
  }
}
