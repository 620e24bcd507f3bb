import type { TClusterFacts } from "./cluster-facts";
import { check, type CheckSide, type PreflightCheck } from "./types";

/** One eviction policy on every primary: shards that evict differently lose different keys under pressure. */
export function clusterShardSettingsCheck(side: Exclude<CheckSide, "network">, f: TClusterFacts): PreflightCheck {
  const read = f.primaries.filter((p) => p.maxmemoryPolicy.value !== null);
  const policies = new Set(read.map((p) => p.maxmemoryPolicy.value));
  const evidence = f.primaries.map((p) => `${p.label} maxmemory-policy ${p.maxmemoryPolicy.value ?? `unknown (${p.maxmemoryPolicy.error})`}`).join("; ");
  const status = read.length === 0 ? "unknown" : policies.size > 1 ? "warn" : "pass";
  return check(`${side}.cluster-settings`, side, `Every ${side} shard has the same settings`, status, evidence,
    "A cluster is one dataset: a shard with another maxmemory-policy evicts (or refuses writes) where the others would not, which shows up as differences after the migration.",
    "Set the same maxmemory-policy on every primary (`CONFIG SET maxmemory-policy <policy>` and redis.conf; ElastiCache: one parameter group for the whole group).");
}
