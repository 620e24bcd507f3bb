import type { LabAccount } from "../accounts";
import type { LabContext } from "../context";
import { ApiError, invalidParameterValue } from "../http/api-error";
import { labCall } from "./refused-commands";
import { allMembers, type Group } from "./state";

/** A cache parameter group: AWS's defaults (`default.redis7`) are read-only, custom ones are not. */
export type ParameterGroup = {
  name: string;
  family: string;
  description: string;
  accountId: string;
  isDefault: boolean;
  /** Only the values set by ModifyCacheParameterGroup; the rest are the family's defaults. */
  values: Map<string, string>;
};

export type ParameterSpec = {
  name: string;
  value: (pg: ParameterGroup) => string;
  dataType: "string" | "integer";
  allowed: string;
  description: string;
  /** Set on the nodes with CONFIG SET as soon as the group is applied (dynamic on ElastiCache too). */
  dynamic: boolean;
  modifiable: boolean;
  valid: (v: string) => boolean;
};

const POLICIES = ["volatile-lru", "allkeys-lru", "volatile-lfu", "allkeys-lfu", "volatile-random", "allkeys-random", "volatile-ttl", "noeviction"];

/** The parameters the lab models (AWS has ~100 per family; these are the ones Ferry reads or sets). */
export const PARAMETERS: ParameterSpec[] = [
  { name: "notify-keyspace-events", value: () => "", dataType: "string", dynamic: true, modifiable: true,
    allowed: "A combination of K, E, g, $, l, s, h, z, x, e, t, m, d, n, A (or empty)",
    description: "The keyspace events for Redis to notify Pub/Sub clients about. By default all notifications are disabled",
    valid: (v) => /^[KEg$lshzxetmdnA]*$/.test(v) && new Set(v).size === v.length },
  { name: "maxmemory-policy", value: () => "volatile-lru", dataType: "string", dynamic: true, modifiable: true,
    allowed: POLICIES.join(","), description: "Max memory policy.", valid: (v) => POLICIES.includes(v) },
  { name: "timeout", value: () => "0", dataType: "integer", dynamic: true, modifiable: true,
    allowed: "0,20-", description: "Close connection if client is idle for a given number of seconds, or never if 0.",
    valid: (v) => /^\d+$/.test(v) && (v === "0" || Number(v) >= 20) },
  { name: "databases", value: () => "16", dataType: "integer", dynamic: false, modifiable: false,
    allowed: "1-1200000", description: "Set the number of databases.", valid: () => false },
  { name: "cluster-enabled", value: (pg) => (pg.name.endsWith(".cluster.on") || pg.values.get("cluster-enabled") === "yes" ? "yes" : "no"),
    dataType: "string", dynamic: false, modifiable: true, allowed: "yes,no", description: "Enable cluster mode", valid: (v) => v === "yes" || v === "no" },
];

export const FAMILIES = ["redis6.x", "redis7", "valkey7", "valkey8"];
const DEFAULT_NAME = /^default\.(redis6\.x|redis7|valkey7|valkey8)(\.cluster\.on)?$/;

/** The default group of a family for an engine version, as AWS picks it when none is given. */
export function defaultParameterGroupName(engineVersion: string, clusterEnabled: boolean): string {
  const family = engineVersion.startsWith("6") ? "redis6.x" : "redis7";
  return `default.${family}${clusterEnabled ? ".cluster.on" : ""}`;
}

export const familyOfEngine = (engineVersion: string) => (engineVersion.startsWith("6") ? "redis6.x" : "redis7");

const key = (accountId: string, name: string) => `${accountId}/${name.toLowerCase()}`;

/** Finds a group; AWS's default groups exist in every account without being created. */
export function findParameterGroup(ctx: LabContext, account: LabAccount, name: string): ParameterGroup {
  const k = key(account.accountId, name);
  let pg = ctx.parameterGroups.get(k);
  const family = name.match(DEFAULT_NAME)?.[1];
  if (!pg && family) {
    pg = { name, family, description: `Default parameter group for ${family}`, accountId: account.accountId, isDefault: true, values: new Map() };
    ctx.parameterGroups.set(k, pg);
  }
  if (!pg) throw new ApiError("CacheParameterGroupNotFound", `CacheParameterGroup not found: ${name}`, 404);
  return pg;
}

export function createParameterGroup(ctx: LabContext, account: LabAccount, input: { name: string; family: string; description: string }): ParameterGroup {
  const { name, family, description } = input;
  if (!/^[a-zA-Z](?!.*--)[a-zA-Z0-9-]{0,254}$/.test(name) || name.endsWith("-")) {
    throw invalidParameterValue("Parameter group name must begin with a letter, contain only ASCII letters, digits and hyphens, and not end with a hyphen or contain two consecutive hyphens.");
  }
  if (!FAMILIES.includes(family)) throw invalidParameterValue(`The parameter CacheParameterGroupFamily is not a valid value: ${family}.`);
  const k = key(account.accountId, name);
  if (ctx.parameterGroups.has(k)) throw new ApiError("CacheParameterGroupAlreadyExists", `Cache parameter group ${name} already exists.`);
  const pg: ParameterGroup = { name: name.toLowerCase(), family, description, accountId: account.accountId, isDefault: false, values: new Map() };
  ctx.parameterGroups.set(k, pg);
  return pg;
}

/** Validates every change first (AWS applies all or none), then updates the groups' nodes. */
export async function modifyParameters(ctx: LabContext, pg: ParameterGroup, changes: { name: string; value: string }[]): Promise<void> {
  if (pg.isDefault) throw invalidParameterValue(`Cannot modify a default parameter group: ${pg.name}. Create a custom parameter group and modify it.`);
  if (changes.length === 0) throw new ApiError("MissingParameter", "The request must contain the parameter ParameterNameValues");
  if (changes.length > 20) throw new ApiError("InvalidParameterCombination", "Cannot modify more than 20 parameters in a single request");
  for (const c of changes) {
    const spec = PARAMETERS.find((p) => p.name === c.name);
    if (!spec) throw invalidParameterValue(`Unrecognized parameter name: ${c.name}`);
    if (!spec.modifiable) throw invalidParameterValue(`Parameter ${c.name} is not modifiable.`);
    if (!spec.valid(c.value)) throw invalidParameterValue(`Invalid value for parameter ${c.name}: ${JSON.stringify(c.value)}. Allowed: ${spec.allowed}.`);
  }
  const mode = changes.find((c) => c.name === "cluster-enabled");
  const user = [...ctx.groups.values()].find((g) => g.account.accountId === pg.accountId && g.parameterGroupName === pg.name);
  if (mode && user && (mode.value === "yes") !== user.clusterEnabled) {
    throw new ApiError("InvalidCacheParameterGroupState", `Parameter group ${pg.name} is used by replication group ${user.id}, whose cluster mode cannot change.`);
  }
  for (const c of changes) pg.values.set(c.name, c.value);
  for (const g of ctx.groups.values()) {
    if (g.account.accountId === pg.accountId && g.parameterGroupName === pg.name) await applyParameterGroup(ctx, g);
  }
}

export const parameterValue = (pg: ParameterGroup, spec: ParameterSpec) => pg.values.get(spec.name) ?? spec.value(pg);

export const clusterEnabledIn = (pg: ParameterGroup) => parameterValue(pg, PARAMETERS.find((p) => p.name === "cluster-enabled")!) === "yes";

/** Really configures the group's nodes (through the lab's own CONFIG), as ElastiCache does. */
export async function applyParameterGroup(ctx: LabContext, g: Group): Promise<void> {
  const pg = findParameterGroup(ctx, g.account, g.parameterGroupName);
  for (const m of allMembers(g)) {
    for (const spec of PARAMETERS.filter((p) => p.dynamic)) {
      await labCall(ctx.redis(m.redis.port), "CONFIG", "SET", spec.name, parameterValue(pg, spec));
    }
  }
}
