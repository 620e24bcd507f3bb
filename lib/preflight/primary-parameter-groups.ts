import "server-only";
import type { CacheCluster } from "@aws-sdk/client-elasticache";
import type { AwsClients } from "../aws/clients";
import { readCacheParameter } from "../aws/parameter-groups";
import { AppError } from "../errors";
import type { TClusterFacts, TClusterPrimaryFacts } from "./cluster-facts";
import type { Maybe } from "./redis-facts";

const SETTINGS = ["notify-keyspace-events", "maxmemory-policy"] as const;

/**
 * A cluster-mode ElastiCache group's per-primary settings, read where AWS keeps them: each
 * primary's member cluster (DescribeCacheClusters, already fetched) names its parameter group,
 * whose values come from DescribeCacheParameters. Its nodes refuse CONFIG, so what CONFIG GET
 * reported per primary is replaced; a primary no member cluster lists keeps CONFIG's answer.
 */
export async function withPrimaryParameterGroups(clients: Pick<AwsClients, "elasticache">, facts: TClusterFacts, members: CacheCluster[]): Promise<TClusterFacts> {
  const groupOf = new Map<string, string>();
  for (const m of members) {
    const group = m.CacheParameterGroup?.CacheParameterGroupName;
    for (const n of m.CacheNodes ?? []) if (group && n.Endpoint?.Address && n.Endpoint.Port) groupOf.set(`${n.Endpoint.Address}:${n.Endpoint.Port}`, group);
  }
  const values = new Map<string, Promise<Record<(typeof SETTINGS)[number], Maybe<string>>>>();
  const read = (group: string) => {
    if (!values.has(group)) values.set(group, readSettings(clients, group));
    return values.get(group)!;
  };
  const primaries = await Promise.all(facts.primaries.map(async (p, i): Promise<TClusterPrimaryFacts> => {
    const { host, port } = facts.topology.shards[i].primary;
    const group = groupOf.get(`${host}:${port}`);
    if (!group) return p;
    const v = await read(group);
    return { ...p, parameterGroup: group, notifyKeyspaceEvents: v["notify-keyspace-events"], maxmemoryPolicy: v["maxmemory-policy"] };
  }));
  return { ...facts, primaries };
}

async function readSettings(clients: Pick<AwsClients, "elasticache">, group: string): Promise<Record<(typeof SETTINGS)[number], Maybe<string>>> {
  const entries = await Promise.all(SETTINGS.map(async (name): Promise<[string, Maybe<string>]> => {
    try {
      const value = await readCacheParameter(clients, group, name);
      return [name, value === null ? { value: null, error: `${group} does not list ${name}` } : { value, error: null }];
    } catch (err) {
      const e = err instanceof AppError ? err : new AppError("AWS_ERROR", String(err));
      return [name, { value: null, error: `DescribeCacheParameters ${group}: ${e.code}: ${e.message}` }];
    }
  }));
  return Object.fromEntries(entries) as Record<(typeof SETTINGS)[number], Maybe<string>>;
}
