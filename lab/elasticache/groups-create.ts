import { groupKey } from "../context";
import { ApiError, invalidParameterValue } from "../http/api-error";
import { findSnapshot, type EcCall, type EcHandler } from "./handler-types";
import { memberIdsFor, startGroupNodes } from "./group-nodes";
import { shardLayout } from "./shard-layout";
import { defaultParameterGroupName, findParameterGroup, clusterEnabledIn } from "./parameter-groups";
import { validIdentifier } from "./query-params";
import { renderGroup } from "./render";
import { resolveSeedArns } from "./seed-from-s3";
import type { Group } from "./state";

export const createReplicationGroup: EcHandler = async (c) => {
  const id = validIdentifier("Replication group id", c.params.required("ReplicationGroupId"));
  c.note.groupId = id;
  const description = c.params.required("ReplicationGroupDescription");
  if (c.ctx.groups.has(groupKey(c.account.accountId, id))) {
    throw new ApiError("ReplicationGroupAlreadyExists", `Replication group ${id} already exists.`);
  }
  const engine = c.params.str("Engine") ?? "redis";
  if (!["redis", "valkey"].includes(engine)) throw invalidParameterValue(`Invalid engine: ${engine}. The lab runs Redis OSS only.`);

  const seeds = await seedsFor(c);
  const nodeGroupConfig = c.params.structList("NodeGroupConfiguration");
  const numNodeGroups = c.params.int("NumNodeGroups") ?? (nodeGroupConfig.length || Math.max(1, seeds.length));
  if (nodeGroupConfig.length && nodeGroupConfig.length !== numNodeGroups) {
    throw invalidParameterValue(`NodeGroupConfiguration has ${nodeGroupConfig.length} entries but NumNodeGroups is ${numNodeGroups}.`);
  }
  const pgName = c.params.str("CacheParameterGroupName");
  const pg = pgName ? findParameterGroup(c.ctx, c.account, pgName) : undefined;
  const clusterEnabled = numNodeGroups > 1 || c.params.str("ClusterMode") === "enabled" || (pg ? clusterEnabledIn(pg) : false);
  const replicas = c.params.int("ReplicasPerNodeGroup");
  const nodesPerShard = clusterEnabled ? (replicas ?? 0) + 1 : (c.params.int("NumCacheClusters") ?? (replicas ?? 0) + 1);
  if (nodesPerShard < 1 || nodesPerShard > 6) throw invalidParameterValue("NumCacheClusters must be between 1 and 6.");
  const layout = clusterEnabled ? shardLayout(numNodeGroups, nodesPerShard - 1, nodeGroupConfig) : undefined;
  if (numNodeGroups < 1 || numNodeGroups > 8) throw invalidParameterValue("The lab supports between 1 and 8 node groups.");
  // Cluster mode redistributes keys by slot, so any number of RDBs fits; otherwise one per node group.
  if (!clusterEnabled && seeds.length > numNodeGroups) throw invalidParameterValue("More snapshot files than node groups were given.");

  const multiAZ = c.params.bool("MultiAZEnabled") ?? false;
  const autoFailover = c.params.bool("AutomaticFailoverEnabled") ?? (multiAZ || clusterEnabled);
  if (multiAZ && !autoFailover) {
    throw new ApiError("InvalidParameterCombination", "Multi-AZ cannot be enabled when automatic failover is disabled.");
  }
  if (autoFailover && !clusterEnabled && nodesPerShard < 2) {
    throw new ApiError("InvalidParameterCombination", "Automatic failover and Multi-AZ require at least one read replica (NumCacheClusters >= 2).");
  }
  const nodeType = c.params.str("CacheNodeType") ?? "cache.t4g.micro";
  const dataTiering = c.params.bool("DataTieringEnabled") ?? false;
  if (dataTiering && !nodeType.includes("r6gd")) {
    throw new ApiError("InvalidParameterCombination", "Data tiering is only supported on r6gd node types.");
  }

  const ids = layout
    ? layout.map((l, s) => memberIdsFor(id, numNodeGroups, l.replicas + 1, true)[s])
    : memberIdsFor(id, numNodeGroups, nodesPerShard, clusterEnabled);
  const g: Group = {
    id, account: c.account, description, status: "creating", createdAt: new Date(), nodeType,
    engineVersion: c.params.str("EngineVersion") ?? "7.0", multiAZ, autoFailover,
    transitEncryption: c.params.bool("TransitEncryptionEnabled") ?? false,
    atRestEncryption: c.params.bool("AtRestEncryptionEnabled") ?? false,
    clusterEnabled, dataTiering, memberIds: ids.flat(),
    parameterGroupName: pg?.name ?? defaultParameterGroupName(c.params.str("EngineVersion") ?? "7.0", clusterEnabled),
    parameterApplyStatus: "in-sync",
    shards: ids.map((_, s) => ({
      nodeGroupId: String(s + 1).padStart(4, "0"),
      slots: layout?.[s].slots,
      members: [],
    })),
  };
  c.ctx.groups.set(groupKey(c.account.accountId, id), g);
  provision(c, g, ids, seeds);
  return renderGroup(g, c.ctx.region);
};

/** Boots nodes in the background; the group turns `available` no sooner than `delays.create`. */
function provision(c: EcCall, g: Group, ids: string[][], seeds: string[]): void {
  const { ctx, account } = c;
  const started = Date.now();
  const booting = startGroupNodes(ctx, g, ids, seeds).then(
    () => true,
    (err: Error) => {
      g.status = seeds.length ? "restore-failed" : "create-failed";
      ctx.event({ accountId: account.accountId, sourceId: g.id, sourceType: "replication-group",
        message: `Failed to create replication group ${g.id}: ${err.message.split("\n")[0]}` });
      return false;
    },
  );
  void booting.then((ok) => {
    if (!ok) return;
    ctx.later(Math.max(0, ctx.delays.create - (Date.now() - started)), () => {
      if (g.status !== "creating") return;
      g.status = "available";
      ctx.event({ accountId: account.accountId, sourceId: g.id, sourceType: "replication-group", message: `Replication group ${g.id} created` });
    });
  });
}

async function seedsFor(c: EcCall): Promise<string[]> {
  const arns = c.params.list("SnapshotArns");
  const snapshotName = c.params.str("SnapshotName");
  if (arns.length && snapshotName) {
    throw new ApiError("InvalidParameterCombination", "Cannot specify both SnapshotArns and SnapshotName.");
  }
  if (arns.length) return resolveSeedArns(c.ctx, arns);
  if (!snapshotName) return [];
  const snap = findSnapshot(c, snapshotName);
  if (snap.status !== "available") {
    throw new ApiError("InvalidSnapshotState", `Snapshot ${snapshotName} is not in available state.`);
  }
  return snap.nodes.map((n) => n.rdbFile);
}
