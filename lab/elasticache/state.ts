import type { LabAccount } from "../accounts";
import type { RedisProcess } from "../redis-process";
import type { LinkProxy } from "./link-proxy";

/** One cache node = one member cache cluster (`<rg>-001`), backed by a real redis-server. */
export type Member = {
  clusterId: string;
  role: "primary" | "replica";
  az: string;
  redis: RedisProcess;
  createdAt: Date;
  /** Cluster mode enabled: the node's cluster bus port (kept when the lab restarts the node). */
  busPort?: number;
};

export type Shard = {
  nodeGroupId: string;
  slots?: string;
  members: Member[];
  /** Set while TestFailover promotes this node group's replica. */
  failingOver?: boolean;
};

export type GroupStatus =
  | "creating"
  | "available"
  | "modifying"
  | "migrating"
  | "snapshotting"
  | "deleting"
  | "create-failed"
  | "restore-failed";

export type Group = {
  id: string;
  account: LabAccount;
  description: string;
  status: GroupStatus;
  createdAt: Date;
  nodeType: string;
  engineVersion: string;
  multiAZ: boolean;
  autoFailover: boolean;
  transitEncryption: boolean;
  atRestEncryption: boolean;
  clusterEnabled: boolean;
  dataTiering: boolean;
  shards: Shard[];
  /** Its members' cache parameter group (`default.redis7` unless one was given). */
  parameterGroupName: string;
  /** "applying" while ModifyReplicationGroup switches the parameter group. */
  parameterApplyStatus: "in-sync" | "applying";
  /** Member cache cluster ids, known from creation on (nodes come up later). */
  memberIds: string[];
  /** Set while an online migration runs; `proxy` only when the link is deliberately stalled. */
  migration?: {
    address: string;
    port: number;
    proxy?: LinkProxy;
    completing?: boolean;
    /** Cluster mode: per node group (same order as `shards`), the source primary owning its slots. */
    sources?: { host: string; port: number }[];
  };
  snapshottingClusterId?: string;
};

export type SnapshotStatus = "creating" | "available" | "copying" | "deleting" | "exporting";

export type Snapshot = {
  name: string;
  account: LabAccount;
  status: SnapshotStatus;
  createdAt: Date;
  /** Copy of the source group's description at snapshot time (the group may be deleted). */
  group: Pick<
    Group,
    "id" | "description" | "nodeType" | "engineVersion" | "autoFailover" | "clusterEnabled" | "dataTiering"
  > & { port: number };
  /** One RDB per node group, on disk under the lab directory. */
  nodes: { nodeGroupId: string; clusterId: string; rdbFile: string; bytes: number; slots?: string }[];
};

export type LabEvent = {
  accountId: string;
  sourceId: string;
  sourceType: "replication-group" | "cache-cluster" | "snapshot" | "cache-parameter-group" | "serverless-cache";
  message: string;
  date: Date;
};

export const allMembers = (g: Group): Member[] => g.shards.flatMap((s) => s.members);
export const primaryOf = (s: Shard): Member => s.members.find((m) => m.role === "primary") ?? s.members[0];
