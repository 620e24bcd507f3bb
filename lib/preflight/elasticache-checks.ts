import type { CacheCluster, ReplicationGroup, ServerlessCache } from "@aws-sdk/client-elasticache";
import type { TParameterGroupFacts } from "../aws/parameter-groups";
import { check, type PreflightCheck } from "./types";
import { versionAtLeast } from "./versions";

export type ElastiCacheFacts = {
  replicationGroup: ReplicationGroup;
  memberClusters: CacheCluster[];
  /** A serverless cache found under the same name, if any. */
  serverlessCache?: ServerlessCache | null;
  /** The members' parameter group and its notify-keyspace-events (read for a replicate source). */
  parameterGroup?: { value: TParameterGroupFacts | null; family: string | null; error: string | null };
};

export function targetEngineOf(f: ElastiCacheFacts): { engine: "redis" | "valkey"; version: string | null } {
  const engine = (f.replicationGroup.Engine ?? f.memberClusters[0]?.Engine ?? "redis").toLowerCase();
  return { engine: engine === "valkey" ? "valkey" : "redis", version: f.memberClusters[0]?.EngineVersion ?? null };
}

/**
 * The target prerequisites AWS documents for online migration (REFERENCE.md section 1), as pure
 * functions over DescribeReplicationGroups / DescribeCacheClusters output.
 */
export function elastiCacheOnlineTargetChecks(f: ElastiCacheFacts): PreflightCheck[] {
  const rg = f.replicationGroup;
  const id = rg.ReplicationGroupId ?? "?";
  const cli = (args: string) => `\`aws elasticache modify-replication-group --replication-group-id ${id} ${args} --apply-immediately\``;
  const out: PreflightCheck[] = [];

  const { engine, version } = targetEngineOf(f);
  const minVersion = rg.ClusterEnabled ? "5.0.6" : "5.0.5";
  const versionOk = engine === "valkey" ? true : versionAtLeast(version, minVersion);
  out.push(check("target.engine-version", "target", `Target is Valkey or Redis OSS >= ${minVersion}`,
    versionOk === null ? "unknown" : versionOk ? "pass" : "fail",
    `Engine ${engine} ${version ?? "(version unknown: no member cluster described)"}${rg.ClusterEnabled ? ", cluster mode enabled" : ""}.`,
    "Online migration exists only from Redis OSS 5.0.5 (5.0.6 with cluster mode) and on Valkey.",
    `Upgrade the target: ${cli(`--engine-version 7.1`)} (or create it on Valkey).`));

  out.push(check("target.status", "target", "Target is available", rg.Status === "available" ? "pass" : "fail",
    `Status is "${rg.Status ?? "unknown"}".`,
    "StartMigration needs an available group; \"migrating\" means a migration is already running on it.",
    rg.Status === "migrating" ? "Finish or abort the running migration first (CompleteMigration)." : "Wait until the group is available."));

  out.push(check("target.transit-encryption", "target", "In-transit encryption is off", rg.TransitEncryptionEnabled ? "fail" : "pass",
    `TransitEncryptionEnabled is ${rg.TransitEncryptionEnabled === true}${rg.TransitEncryptionMode ? ` (mode ${rg.TransitEncryptionMode})` : ""}.`,
    "ElastiCache replicates from the source over plain TCP; online migration is not supported with in-transit encryption.",
    `Create the target without encryption in transit, or turn it off: ${cli("--no-transit-encryption-enabled")}. Turn it back on after cutover.`));

  out.push(check("target.multi-az", "target", "Multi-AZ is on", rg.MultiAZ === "enabled" ? "pass" : "fail",
    `MultiAZ is "${rg.MultiAZ ?? "unknown"}", automatic failover "${rg.AutomaticFailover ?? "unknown"}".`,
    "AWS requires Multi-AZ (with automatic failover) on the target for online migration.",
    `Add at least one replica, then ${cli("--multi-az-enabled --automatic-failover-enabled")} (console: Modify → Multi-AZ).`));

  const globalId = rg.GlobalReplicationGroupInfo?.GlobalReplicationGroupId;
  out.push(check("target.global-datastore", "target", "Target is not part of a Global Datastore", globalId ? "fail" : "pass",
    globalId ? `Member of Global Datastore ${globalId} (${rg.GlobalReplicationGroupInfo?.GlobalReplicationGroupMemberRole ?? "role unknown"}).` : "Not in a Global Datastore.",
    "Online migration is not supported into a Global Datastore member.",
    "Migrate into a standalone group, then add it to the Global Datastore after cutover."));

  out.push(check("target.data-tiering", "target", "Data tiering is off", rg.DataTiering === "enabled" ? "fail" : "pass",
    `DataTiering is "${rg.DataTiering ?? "disabled"}".`,
    "Online migration is not supported on data-tiered clusters.",
    "Create the target on a node type without data tiering (not r6gd)."));

  const nodeType = rg.CacheNodeType ?? f.memberClusters[0]?.CacheNodeType ?? null;
  out.push(check("target.node-type", "target", "Node type is not r6gd", nodeType === null ? "unknown" : /\.r6gd\./.test(nodeType) ? "fail" : "pass",
    `Node type ${nodeType ?? "unknown"}.`,
    "AWS does not support online migration onto r6gd (data tiering) nodes.",
    "Create the target on r6g, r7g, m6g or another non-r6gd family."));

  const serverless = f.serverlessCache;
  out.push(check("target.serverless", "target", "Target is not serverless",
    serverless ? "fail" : "pass",
    serverless ? `A serverless cache named ${serverless.ServerlessCacheName} exists.` : `${id} is a node-based replication group.`,
    "Serverless caches cannot be online migration targets.",
    "Use a node-based (designed) replication group as the target, or the snapshot flow."));
  return out;
}

export function elastiCacheShardCount(f: ElastiCacheFacts): number | null {
  return f.replicationGroup.NodeGroups ? f.replicationGroup.NodeGroups.length : null;
}
