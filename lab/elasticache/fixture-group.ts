import type { LabAccount } from "../accounts";
import { groupKey, type LabContext } from "../context";
import { memberIdsFor, startGroupNodes } from "./group-nodes";
import { findParameterGroup } from "./parameter-groups";
import type { Group } from "./state";
import { slotRangeOf } from "../redis-cluster";

const slotsOf = (s: number, n: number) => slotRangeOf(s, n).join("-");

export type GroupFixture = {
  id: string;
  account?: "A" | "B";
  /** Nodes in the (single) node group, primary included; 2+ allows Multi-AZ. Default 2. */
  nodes?: number;
  multiAZ?: boolean;
  transitEncryption?: boolean;
  nodeType?: string;
  /** Cluster mode enabled with this many node groups (slots split evenly), each of `nodes` nodes. */
  shards?: number;
  /** A parameter group of the same account (created with `parameterGroups` in startLab); default `default.redis7`. */
  parameterGroupName?: string;
};

/** A group that already exists when the lab starts (status `available`), as a demo or test needs. */
export async function createFixtureGroup(ctx: LabContext, account: LabAccount, f: GroupFixture): Promise<Group> {
  const nodes = f.nodes ?? 2;
  const clusterEnabled = f.shards !== undefined;
  const ids = memberIdsFor(f.id, f.shards ?? 1, nodes, clusterEnabled);
  const multiAZ = f.multiAZ ?? nodes > 1;
  const defaultPg = clusterEnabled ? "default.redis7.cluster.on" : "default.redis7";
  const g: Group = {
    id: f.id, account, description: `lab fixture ${f.id}`, status: "creating", createdAt: new Date(),
    nodeType: f.nodeType ?? "cache.t4g.small", engineVersion: "7.0", multiAZ, autoFailover: nodes > 1,
    transitEncryption: f.transitEncryption ?? false, atRestEncryption: false, clusterEnabled, dataTiering: false,
    memberIds: ids.flat(),
    shards: ids.map((_, s) => ({ nodeGroupId: String(s + 1).padStart(4, "0"), slots: clusterEnabled ? slotsOf(s, ids.length) : undefined, members: [] })),
    parameterGroupName: findParameterGroup(ctx, account, f.parameterGroupName ?? defaultPg).name, parameterApplyStatus: "in-sync",
  };
  ctx.groups.set(groupKey(account.accountId, f.id), g);
  await startGroupNodes(ctx, g, ids, []);
  g.status = "available";
  return g;
}
