import "server-only";
import {
  CreateCacheParameterGroupCommand, DescribeCacheParameterGroupsCommand, ModifyCacheParameterGroupCommand,
  ModifyReplicationGroupCommand, paginateDescribeCacheParameters, type CacheCluster,
} from "@aws-sdk/client-elasticache";
import { classifyAwsError } from "./classify-aws-error";
import type { AwsClients } from "./clients";

type Ec = Pick<AwsClients, "elasticache">;

/** What a replication group's members run with, read from ElastiCache (CONFIG is refused on its nodes). */
export type TParameterGroupFacts = {
  name: string;
  /** AWS's `default.*` groups cannot be modified: a fix needs a custom group. */
  isDefault: boolean;
  applyStatus: string | null;
  /** Distinct group names when members disagree (mid-change): the fix must wait. */
  memberGroups: string[];
  notifyKeyspaceEvents: string | null;
};

export const isDefaultParameterGroup = (name: string) => name.startsWith("default.");

/** DescribeCacheClusters (already fetched) -> CacheParameterGroup -> DescribeCacheParameters. */
export async function describeMemberParameterGroup(clients: Ec, members: CacheCluster[]): Promise<TParameterGroupFacts | null> {
  const names = [...new Set(members.map((m) => m.CacheParameterGroup?.CacheParameterGroupName).filter((n): n is string => !!n))];
  if (names.length === 0) return null;
  const name = names[0];
  const notifyKeyspaceEvents = await readCacheParameter(clients, name, "notify-keyspace-events");
  return {
    name, isDefault: isDefaultParameterGroup(name), memberGroups: names, notifyKeyspaceEvents,
    applyStatus: members.find((m) => m.CacheParameterGroup?.ParameterApplyStatus !== "in-sync")?.CacheParameterGroup?.ParameterApplyStatus ?? "in-sync",
  };
}

/** One parameter's value in a group (paginated: AWS groups hold ~100 parameters). */
export async function readCacheParameter(clients: Ec, group: string, parameter: string): Promise<string | null> {
  try {
    for await (const page of paginateDescribeCacheParameters({ client: clients.elasticache, pageSize: 100 }, { CacheParameterGroupName: group })) {
      const hit = page.Parameters?.find((p) => p.ParameterName === parameter);
      if (hit) return hit.ParameterValue ?? "";
    }
    return null;
  } catch (err) {
    throw classifyAwsError(err, `Parameters of ${group}`);
  }
}

export async function parameterGroupFamily(clients: Ec, group: string): Promise<string> {
  try {
    const out = await clients.elasticache.send(new DescribeCacheParameterGroupsCommand({ CacheParameterGroupName: group }));
    const family = out.CacheParameterGroups?.[0]?.CacheParameterGroupFamily;
    if (!family) throw new Error(`no family reported for ${group}`);
    return family;
  } catch (err) {
    throw classifyAwsError(err, `Parameter group ${group}`);
  }
}

/** Creates a custom group; one left by an earlier attempt (same name) is reused. */
export async function ensureParameterGroup(clients: Ec, input: { name: string; family: string; description: string }): Promise<"created" | "exists"> {
  try {
    await clients.elasticache.send(new CreateCacheParameterGroupCommand({ CacheParameterGroupName: input.name, CacheParameterGroupFamily: input.family, Description: input.description }));
    return "created";
  } catch (err) {
    const e = classifyAwsError(err, `CreateCacheParameterGroup ${input.name}`);
    if (!/AlreadyExists/.test(String(e.detail?.awsCode))) throw e;
    const family = await parameterGroupFamily(clients, input.name);
    if (family !== input.family) throw e;
    return "exists";
  }
}

export async function setCacheParameter(clients: Ec, group: string, parameter: string, value: string): Promise<void> {
  try {
    await clients.elasticache.send(new ModifyCacheParameterGroupCommand({ CacheParameterGroupName: group, ParameterNameValues: [{ ParameterName: parameter, ParameterValue: value }] }));
  } catch (err) {
    throw classifyAwsError(err, `ModifyCacheParameterGroup ${group}`);
  }
}

export async function attachParameterGroup(clients: Ec, replicationGroupId: string, group: string): Promise<void> {
  try {
    await clients.elasticache.send(new ModifyReplicationGroupCommand({ ReplicationGroupId: replicationGroupId, CacheParameterGroupName: group, ApplyImmediately: true }));
  } catch (err) {
    throw classifyAwsError(err, `ModifyReplicationGroup ${replicationGroupId}`);
  }
}
