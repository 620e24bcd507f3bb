import type { RedisEngine } from "../redis/info";
import { infoNumber, infoString } from "../redis/info";
import type { RedisFacts } from "./redis-facts";
import { check, formatBytes, type PreflightCheck } from "./types";
import { maxRdbVersion } from "./versions";

export type Known<T> = { value: T | null; how: string };

/** Source and target must have the same number of logical databases (and every used db must exist). */
export function databasesCheck(source: RedisFacts, target: Known<number>): PreflightCheck {
  const title = "Same number of databases on both ends";
  const why = "Replication copies db indexes as they are; the target must have the same `databases` count, and keys in a db the target lacks are lost.";
  const fix = "Set `databases` on the source to the target's count (redis.conf, needs a restart) after moving keys out of higher dbs, or choose a target with the same count.";
  const srcDbs = source.config.databases.value === null ? null : Number(source.config.databases.value);
  const usedDbs = Object.keys(source.info.keyspace).map(Number);
  const highest = usedDbs.length ? Math.max(...usedDbs) : null;
  const tgt = target.value;
  const evidence = `source databases ${srcDbs ?? `unknown (${source.config.databases.error})`}, target ${tgt ?? "unknown"} (${target.how}); highest db with keys on the source: ${highest === null ? "none" : `db${highest}`}.`;
  if (tgt !== null && highest !== null && highest >= tgt) return check("pairing.databases", "target", title, "fail", evidence, why, fix);
  if (srcDbs === null || tgt === null) return check("pairing.databases", "target", title, "unknown", evidence, why, fix);
  return check("pairing.databases", "target", title, srcDbs === tgt ? "pass" : "fail", evidence, why, fix);
}

/** Target capacity vs source data, with a margin for growth during the migration. */
export function memoryHeadroomCheck(source: RedisFacts, targetBytes: Known<number>): PreflightCheck {
  const title = "Target has memory for the source's data";
  const why = "A target smaller than the dataset evicts keys or refuses writes mid-sync (and an RDB too large for the node ends in restore-failed).";
  const fix = "Choose a larger node type or more shards for the target, or lower the source's data before migrating.";
  const used = infoNumber(source.info, "used_memory_dataset") ?? infoNumber(source.info, "used_memory");
  const cap = targetBytes.value;
  const evidence = `source data ${formatBytes(used)} (used_memory_dataset or used_memory), target capacity ${cap ? formatBytes(cap) : cap === 0 ? "unlimited (maxmemory 0)" : "unknown"} (${targetBytes.how}).`;
  if (used === null || cap === null) return check("pairing.memory", "target", title, "unknown", evidence, why, fix);
  if (cap === 0) return check("pairing.memory", "target", title, "warn", evidence + " maxmemory 0 means the target is limited only by host memory.", why, "Set maxmemory on the target so a full host cannot take the server down.");
  const ratio = used / cap;
  const status = ratio <= 0.8 ? "pass" : ratio <= 1 ? "warn" : "fail";
  return check("pairing.memory", "target", title, status, `${evidence} The data would fill ${(ratio * 100).toFixed(0)}% of it.`, why, fix);
}

export function clusterModeCheck(source: RedisFacts, targetClustered: boolean | null, strict: boolean): PreflightCheck {
  const title = strict ? "Cluster mode matches on both ends" : "Cluster mode on either end is handled";
  const srcClustered = source.info.fields.cluster_enabled === "1";
  const evidence = `source cluster_enabled:${srcClustered ? 1 : 0}, target cluster mode ${targetClustered === null ? "unknown" : targetClustered ? "enabled" : "disabled"}.`;
  if (strict) {
    const why = "Online migration and REPLICAOF copy one primary into one primary per shard: cluster mode must be the same on both ends.";
    const fix = "Create the target with the same cluster mode as the source (ElastiCache: Cluster mode enabled/disabled at creation).";
    if (targetClustered === null) return check("pairing.cluster-mode", "target", title, "unknown", evidence, why, fix);
    return check("pairing.cluster-mode", "target", title, srcClustered === targetClustered ? "pass" : "fail", evidence, why, fix);
  }
  const why = "Key-level copy works across cluster modes, but a clustered source must be scanned node by node and a clustered target answers MOVED for keys in other slots.";
  const status = srcClustered || targetClustered ? "warn" : targetClustered === null ? "unknown" : "pass";
  return check("pairing.cluster-mode", "target", title, status, evidence, why, "Give Ferry every primary of a clustered source, and the configuration endpoint of a clustered target.");
}

export function shardCountCheck(source: RedisFacts, targetShards: number | null): PreflightCheck {
  const title = "Shard count equals the source's";
  const why = "Online migration pairs each source shard with one target shard; AWS requires the counts to be equal.";
  const fix = "Create or reshard the target to the source's shard count (ElastiCache console → Modify → Shards, or `aws elasticache modify-replication-group-shard-configuration`).";
  const src = source.shards.value;
  const evidence = `source ${src ?? `unknown (${source.shards.error})`} shard(s), target ${targetShards ?? "unknown"} shard(s).`;
  if (src === null || targetShards === null) return check("pairing.shards", "target", title, "unknown", evidence, why, fix);
  return check("pairing.shards", "target", title, src === targetShards ? "pass" : "fail", evidence, why, fix);
}

/** DUMP payloads carry an RDB version the target must understand; otherwise Ferry copies by type. */
export function restoreCompatibilityCheck(source: RedisFacts, target: { engine: RedisEngine; version: string | null }): PreflightCheck {
  const title = "DUMP/RESTORE payloads are compatible";
  const why = "RESTORE rejects payloads from a newer RDB version (\"DUMP payload version or checksum are wrong\"); Ferry then copies key by key with type commands, which is correct but slower.";
  const srcRdb = source.dumpRdbVersion ?? maxRdbVersion(source.info.engine, source.info.version);
  const how = source.dumpRdbVersion !== null ? "read from a DUMP payload" : "from the source version";
  const tgtRdb = maxRdbVersion(target.engine, target.version);
  const evidence = `source ${source.info.engine} ${source.info.version ?? "?"} writes RDB ${srcRdb ?? "?"} (${how}); target ${target.engine} ${target.version ?? "?"} reads up to RDB ${tgtRdb ?? "?"}.`;
  const fix = "Nothing to do: Ferry will use type-level copy (HGETALL/HSET, LRANGE/RPUSH, ...). To use RESTORE, target a version at least as new as the source.";
  if (srcRdb === null || tgtRdb === null) return check("pairing.restore-compat", "target", title, "warn", evidence + " Ferry will try RESTORE and fall back to type-level copy.", why, fix);
  return check("pairing.restore-compat", "target", title, srcRdb <= tgtRdb ? "pass" : "warn", evidence, why, fix);
}

/** REPLICAOF: the replica must load the primary's RDB stream, so it cannot be older. */
export function replicaVersionCheck(source: RedisFacts, target: RedisFacts): PreflightCheck {
  const title = "Target can load the source's replication stream";
  const why = "A replica cannot load an RDB written by a newer version; the full sync fails in a loop.";
  const srcRdb = source.dumpRdbVersion ?? maxRdbVersion(source.info.engine, source.info.version);
  const tgtRdb = maxRdbVersion(target.info.engine, target.info.version);
  const evidence = `source ${source.info.engine} ${source.info.version ?? "?"} (RDB ${srcRdb ?? "?"}), target ${target.info.engine} ${target.info.version ?? "?"} (reads RDB ${tgtRdb ?? "?"}).`;
  const fix = "Upgrade the target to the source's version or newer.";
  if (srcRdb === null || tgtRdb === null) return check("pairing.replica-version", "target", title, "unknown", evidence, why, fix);
  return check("pairing.replica-version", "target", title, srcRdb <= tgtRdb ? "pass" : "fail", evidence, why, fix);
}

export function modulesCheck(source: RedisFacts, targetModules: string[] | null): PreflightCheck {
  const title = "Modules used by the source exist on the target";
  const why = "Keys of module types (RedisJSON, RediSearch, ...) cannot be restored or copied onto a server without the module.";
  const fix = "Load the same modules on the target (`loadmodule` in redis.conf), or migrate those keys another way.";
  if (source.modules.value === null) {
    const noModuleCmd = /unknown command/i.test(source.modules.error);
    return check("pairing.modules", "source", title, noModuleCmd ? "pass" : "unknown", noModuleCmd ? "The source has no MODULE command (no modules possible, as on ElastiCache)." : `MODULE LIST failed: ${source.modules.error}`, why, fix);
  }
  const src = source.modules.value;
  if (src.length === 0) return check("pairing.modules", "source", title, "pass", "MODULE LIST on the source is empty.", why);
  const evidence = `source modules: ${src.join(", ")}; target modules: ${targetModules === null ? "unknown" : targetModules.join(", ") || "none"}.`;
  if (targetModules === null) return check("pairing.modules", "source", title, "warn", evidence, why, fix);
  const missing = src.filter((m) => !targetModules.includes(m));
  return check("pairing.modules", "source", title, missing.length ? "fail" : "pass", missing.length ? `${evidence} Missing on target: ${missing.join(", ")}.` : evidence, why, fix);
}

/**
 * REPLICAOF of a server to itself makes it a read-only replica of nothing: production stops taking
 * writes. Addresses cannot tell (127.0.0.1, localhost, a DNS alias, a NAT); the server's run_id can.
 */
export function distinctServersCheck(source: RedisFacts, target: RedisFacts): PreflightCheck {
  const title = "Source and target are different servers";
  const why = "REPLICAOF pointed at the server itself turns the source into a read-only replica: the application's writes fail.";
  const fix = "Register the target server you meant (a different host or port), then run pre-flight again.";
  const [src, tgt] = [infoString(source.info, "run_id"), infoString(target.info, "run_id")];
  if (!src || !tgt) return check("pairing.distinct-servers", "target", title, "unknown", "INFO did not report run_id on both ends.", why, fix);
  if (src === tgt) return check("pairing.distinct-servers", "target", title, "fail", `${source.where} and ${target.where} are the same server (both report run_id ${src}).`, why, fix);
  return check("pairing.distinct-servers", "target", title, "pass", "The two ends report different run_id values.", why, fix);
}
