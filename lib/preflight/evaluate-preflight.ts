import type { BucketFacts } from "../aws/s3-bucket-facts";
import { infoNumber } from "../redis/info";
import { elastiCacheOnlineTargetChecks, elastiCacheShardCount, targetEngineOf, type ElastiCacheFacts } from "./elasticache-checks";
import { sourceNoTouchCheck } from "./no-touch-check";
import { usableNodeBytes } from "./node-memory";
import {
  clusterModeCheck, databasesCheck, distinctServersCheck, memoryHeadroomCheck, modulesCheck, replicaVersionCheck, restoreCompatibilityCheck,
  shardCountCheck, type Known,
} from "./pairing-checks";
import type { Maybe, RedisFacts } from "./redis-facts";
import { clusterChecks } from "./cluster-checks";
import { clusterTargetDbsCheck } from "./cluster-target-dbs-check";
import type { TClusterFacts } from "./cluster-facts";
import { bucketChecks, elastiCacheSnapshotSourceChecks } from "./snapshot-checks";
import {
  bigKeysCheck, forkHeadroomCheck, ONLINE_REQUIRED_COMMANDS, persistenceCheck,
  renamedCommandsCheck, replicaLagCheck, sourceAuthCheck, type BigKeyLimits,
} from "./source-checks";
import { bindCheck, ELASTICACHE_READER, protectedModeCheck, replicaReader } from "./source-reader-checks";
import { keyspaceNotificationsCheck, type TNotificationSetting } from "./notification-checks";
import { restoreAvailableCheck, sameServerCheck } from "./replicate-checks";
import { check, type PreflightCheck, type Strategy } from "./types";
import { serverlessOnlineChecks, type TServerlessTargetFacts } from "./serverless-checks";

export type EndpointFacts = {
  kind: "redis" | "elasticache";
  /** Null when Ferry could not open a session (a failed check already says why). */
  redis: RedisFacts | null;
  elasticache: ElastiCacheFacts | null;
  /** Cluster mode only: the shards and what each primary reported (lib/preflight/cluster-facts.ts). */
  cluster?: Maybe<TClusterFacts> | null;
};

export type EvaluateInput = {
  strategy: Strategy;
  source: EndpointFacts;
  target: EndpointFacts | null;
  buckets?: Array<{ facts: BucketFacts; region: string; mode: "export" | "seed" }>;
  bigKeyLimits?: BigKeyLimits;
  /** serverless-online: the serverless cache and the migration's options. */
  serverless?: TServerlessTargetFacts;
};

/** Pure: facts in, checks out. runPreflight gathers the facts; tests can hand them in directly. */
export function evaluatePreflight(input: EvaluateInput): PreflightCheck[] {
  const checks = [...strategyChecks(input), ...clusterChecks(input)];
  // Every strategy ends with a verification that reads the whole source.
  if (input.source.redis) checks.push(sourceNoTouchCheck(input.source.redis));
  return checks;
}

function strategyChecks(input: EvaluateInput): PreflightCheck[] {
  switch (input.strategy) {
    case "online":
      return onlineChecks(input);
    case "replicaof":
      return replicaofChecks(input);
    case "snapshot":
      return snapshotChecks(input);
    case "replicate":
      return replicateChecks(input);
    case "serverless-online":
      return input.serverless ? serverlessOnlineChecks(input.source.kind === "redis" ? input.source.redis : null, input.serverless) : [];
  }
}

function onlineChecks({ source, target }: EvaluateInput): PreflightCheck[] {
  const out: PreflightCheck[] = [];
  if (source.kind !== "redis" || target?.kind !== "elasticache") {
    out.push(check("strategy.supported", "target", "Online migration fits these endpoints", "fail",
      `source is ${source.kind === "redis" ? "self-managed" : "ElastiCache"}, target is ${target ? (target.kind === "redis" ? "self-managed" : "ElastiCache") : "missing"}.`,
      "AWS online migration only moves self-managed Redis into ElastiCache; ElastiCache -> ElastiCache is not supported.",
      "Use the snapshot flow or key-level replication (ElastiCache source), or REPLICAOF (self-managed target)."));
  }
  const s = source.redis;
  if (s) {
    out.push(sourceAuthCheck(s), protectedModeCheck(s, ELASTICACHE_READER), bindCheck(s, ELASTICACHE_READER),
      renamedCommandsCheck(s, "source", ONLINE_REQUIRED_COMMANDS, "ElastiCache replicates with SYNC/PSYNC/REPLCONF and inspects the source with INFO, CONFIG, COMMAND and CLUSTER."),
      forkHeadroomCheck(s));
  }
  const ec = target?.elasticache;
  if (ec) out.push(...elastiCacheOnlineTargetChecks(ec));
  if (s && ec) {
    out.push(databasesCheck(s, ecDatabases(target!)), memoryHeadroomCheck(s, ecCapacity(ec, target!.redis)),
      clusterModeCheck(s, ec.replicationGroup.ClusterEnabled ?? null, true), shardCountCheck(s, elastiCacheShardCount(ec)));
  }
  return out;
}

function replicaofChecks({ source, target }: EvaluateInput): PreflightCheck[] {
  const out: PreflightCheck[] = [];
  const s = source.redis;
  const t = target?.redis ?? null;
  if (target?.kind === "elasticache" || source.kind === "elasticache") {
    out.push(check("strategy.supported", "target", "REPLICAOF fits these endpoints", "fail",
      "ElastiCache refuses REPLICAOF and blocks SYNC/PSYNC for outside replicas.",
      "REPLICAOF needs a self-managed target that can replicate from the source.",
      "Use online migration (into ElastiCache) or key-level replication (out of ElastiCache)."));
  }
  if (s) {
    const reader = replicaReader(s, t);
    out.push(protectedModeCheck(s, reader), bindCheck(s, reader),
      renamedCommandsCheck(s, "source", ["sync", "psync", "replconf", "ping", "info"], "The replica syncs with SYNC/PSYNC/REPLCONF; Ferry watches with INFO."),
      forkHeadroomCheck(s));
    if (t) out.push(masterauthCheck(s, t));
  }
  if (t) {
    out.push(renamedCommandsCheck(t, "target", ["replicaof", "info"], "Ferry starts and ends replication with REPLICAOF on the target."));
    out.push(targetEmptyCheck(t, "REPLICAOF discards the target's data when the full sync starts."));
  }
  if (s && t) {
    out.push(distinctServersCheck(s, t), replicaVersionCheck(s, t), databasesCheck(s, redisDatabases(t)), memoryHeadroomCheck(s, redisCapacity(t)),
      clusterModeCheck(s, t.info.fields.cluster_enabled === "1", true));
  }
  return out;
}

function snapshotChecks({ source, target, buckets }: EvaluateInput): PreflightCheck[] {
  const out: PreflightCheck[] = [];
  if (source.elasticache) out.push(...elastiCacheSnapshotSourceChecks(source.elasticache, (buckets ?? []).some((b) => b.mode === "export")));
  if (source.redis) {
    if (source.kind === "redis") out.push(persistenceCheck(source.redis), forkHeadroomCheck(source.redis));
    out.push(replicaLagCheck(source.redis));
  }
  for (const b of buckets ?? []) out.push(...bucketChecks(b.facts, b.region, b.mode).map((c) => ({ ...c, id: `${c.id}:${b.facts.bucket}` })));
  const s = source.redis;
  if (s && target) {
    const tgtClustered = target.elasticache ? target.elasticache.replicationGroup.ClusterEnabled ?? null : target.redis ? target.redis.info.fields.cluster_enabled === "1" : null;
    const srcClustered = s.info.fields.cluster_enabled === "1";
    out.push(check("pairing.cluster-mode", "target", "The RDB fits the target's cluster mode",
      tgtClustered === null ? "unknown" : srcClustered && !tgtClustered ? "fail" : "pass",
      `source cluster_enabled:${srcClustered ? 1 : 0}, target cluster mode ${tgtClustered === null ? "unknown" : tgtClustered ? "enabled" : "disabled"}.`,
      "A cluster-mode-disabled target cannot be seeded from a cluster-mode-enabled RDB; a cluster-mode-enabled target needs NodeGroupConfiguration for the slots.",
      "Create the target with cluster mode enabled, or use key-level replication."));
    const cap = target.elasticache ? ecCapacity(target.elasticache, target.redis) : target.redis ? redisCapacity(target.redis) : null;
    if (cap) out.push(memoryHeadroomCheck(s, cap));
    out.push(databasesCheck(s, target.elasticache ? ecDatabases(target) : target.redis ? redisDatabases(target.redis) : { value: null, how: "unknown" }));
  }
  return out;
}

function replicateChecks({ source, target, bigKeyLimits }: EvaluateInput): PreflightCheck[] {
  const out: PreflightCheck[] = [];
  const s = source.redis;
  const t = target?.redis ?? null;
  const notifications = notificationSetting(source);
  if (notifications) out.push(keyspaceNotificationsCheck(notifications));
  if (s) {
    out.push(bigKeysCheck(s, bigKeyLimits),
      renamedCommandsCheck(s, "source", ["scan", "dump", "type", "pttl", "info"], "Ferry reads keys with SCAN, DUMP, TYPE and PTTL."));
  }
  if (t) {
    out.push(renamedCommandsCheck(t, "target", ["del", "select", "pexpire", "info"], "Ferry writes keys with RESTORE or type commands, DEL and PEXPIRE."),
      restoreAvailableCheck(t),
      targetEmptyCheck(t, "Keys already on the target would be mixed with the source's: overwritten when the names match, extra keys otherwise, and verification could not tell the migration's keys from the rest.", "fail"));
  }
  if (s && t) out.push(sameServerCheck(s, t));
  if (s) {
    const tgtEngine = t ? { engine: t.info.engine, version: t.info.version } : target?.elasticache ? targetEngineOf(target.elasticache) : null;
    if (tgtEngine) out.push(restoreCompatibilityCheck(s, tgtEngine));
    out.push(modulesCheck(s, t?.modules.value ?? (target?.kind === "elasticache" ? [] : null)));
    const tgtClustered = t ? t.info.fields.cluster_enabled === "1" : target?.elasticache?.replicationGroup.ClusterEnabled ?? null;
    out.push(clusterModeCheck(s, tgtClustered, false));
    // Into a cluster only db 0 is replicated: where the keys are matters, not the `databases` counts.
    const dbs = tgtClustered && s.info.fields.cluster_enabled !== "1" ? clusterTargetDbsCheck(s) : t ? databasesCheck(s, redisDatabases(t)) : null;
    if (t) out.push(memoryHeadroomCheck(s, redisCapacity(t)));
    if (dbs) out.push(dbs);
  }
  return out;
}

function masterauthCheck(source: RedisFacts, target: RedisFacts): PreflightCheck {
  const title = "Target can authenticate to the source";
  const why = "A replica authenticates to its primary with masterauth (and masteruser for ACL users); without it the sync loops on NOAUTH.";
  const fix = "On the target: `CONFIG SET masterauth <source password>` (and `CONFIG SET masteruser <user>` with ACLs).";
  if (source.requiresAuth === false) return check("target.masterauth", "target", title, "pass", "The source does not require AUTH.", why);
  if (source.requiresAuth === null || target.masterauthSet === null) return check("target.masterauth", "target", title, "unknown", `source requires AUTH: ${source.requiresAuth ?? "unknown"}; target masterauth set: ${target.masterauthSet ?? "unknown (CONFIG GET unavailable)"}.`, why, fix);
  return check("target.masterauth", "target", title, target.masterauthSet ? "pass" : "fail", `The source requires AUTH; masterauth on the target is ${target.masterauthSet ? "set" : "empty"}.`, why, fix);
}

/** Where live mode learns of writes: CONFIG on a self-managed source, the parameter group on ElastiCache. */
function notificationSetting(source: EndpointFacts): TNotificationSetting | null {
  const ec = source.elasticache;
  if (ec?.serverlessCache && !ec.replicationGroup.ReplicationGroupId) {
    return { from: "none", reason: `${ec.serverlessCache.ServerlessCacheName} is ElastiCache Serverless, which has no keyspace notifications.` };
  }
  if (source.kind === "elasticache") {
    if (!ec) return null;
    const pg = ec.parameterGroup;
    return { from: "parameter-group", replicationGroupId: ec.replicationGroup.ReplicationGroupId ?? "?", family: pg?.family ?? null, group: pg?.value ?? null, error: pg ? pg.error : "not read", clusterEnabled: ec.replicationGroup.ClusterEnabled === true };
  }
  if (!source.redis) return null;
  const v = source.redis.config["notify-keyspace-events"];
  return { from: "config", value: v.value, error: v.error };
}

function targetEmptyCheck(t: RedisFacts, why: string, severity: "warn" | "fail" = "warn"): PreflightCheck {
  const keys = Object.values(t.info.keyspace).reduce((n, e) => n + e.keys, 0);
  return check("target.empty", "target", "Target is empty", keys === 0 ? "pass" : severity, `${t.where} holds ${keys} key(s).`, why, "Flush the target yourself if its data is disposable (`FLUSHALL` on the target), or pick an empty one.");
}

function ecDatabases(target: EndpointFacts): Known<number> {
  const v = target.redis?.config.databases.value;
  return v ? { value: Number(v), how: "CONFIG GET on the target" } : { value: 16, how: "assumed: ElastiCache does not allow CONFIG GET and always has 16" };
}

function ecCapacity(ec: ElastiCacheFacts, node: RedisFacts | null): Known<number> {
  const shards = elastiCacheShardCount(ec) ?? 1;
  const max = node ? infoNumber(node.info, "maxmemory") : null;
  if (max) return { value: max * shards, how: `maxmemory of a target node × ${shards} shard(s)` };
  const perNode = usableNodeBytes(ec.replicationGroup.CacheNodeType);
  return perNode === null
    ? { value: null, how: `node type ${ec.replicationGroup.CacheNodeType ?? "unknown"} not in Ferry's table and no node reachable` }
    : { value: perNode * shards, how: `estimate for ${ec.replicationGroup.CacheNodeType} × ${shards} shard(s) minus 25% reserved memory` };
}

function redisDatabases(t: RedisFacts): Known<number> {
  const v = t.config.databases.value;
  return v ? { value: Number(v), how: "CONFIG GET on the target" } : { value: null, how: `CONFIG GET failed: ${t.config.databases.error}` };
}

function redisCapacity(t: RedisFacts): Known<number> {
  const max = infoNumber(t.info, "maxmemory");
  return { value: max, how: "target maxmemory" };
}
