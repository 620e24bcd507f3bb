import { groupKey } from "../context";
import { ApiError } from "../http/api-error";
import { findGroup, requireStatus, type EcHandler } from "./handler-types";
import { stopGroupNodes } from "./group-nodes";
import { applyParameterGroup, clusterEnabledIn, familyOfEngine, findParameterGroup } from "./parameter-groups";
import { renderGroup } from "./render";

export const deleteReplicationGroup: EcHandler = async (c) => {
  const g = findGroup(c, c.params.required("ReplicationGroupId"));
  requireStatus(g, "available", "create-failed", "restore-failed");
  if (c.params.str("FinalSnapshotIdentifier")) {
    throw new ApiError("InvalidParameterValue", "The lab does not take final snapshots; call CreateSnapshot first.");
  }
  g.status = "deleting";
  const xml = renderGroup(g, c.ctx.region);
  c.ctx.later(c.ctx.delays.delete, async () => {
    await stopGroupNodes(c.ctx, g);
    c.ctx.groups.delete(groupKey(g.account.accountId, g.id));
    c.ctx.event({ accountId: g.account.accountId, sourceId: g.id, sourceType: "replication-group", message: `Replication group ${g.id} deleted` });
  });
  return xml;
};

/** Flags and the parameter group (what pre-flight checks read); node type and engine changes are not modelled. */
export const modifyReplicationGroup: EcHandler = async (c) => {
  const g = findGroup(c, c.params.required("ReplicationGroupId"));
  const change = {
    multiAZ: c.params.bool("MultiAZEnabled"),
    autoFailover: c.params.bool("AutomaticFailoverEnabled"),
    transitEncryption: c.params.bool("TransitEncryptionEnabled"),
    description: c.params.str("ReplicationGroupDescription"),
    nodeType: c.params.str("CacheNodeType"),
    parameterGroup: c.params.str("CacheParameterGroupName"),
  };
  if (Object.values(change).every((v) => v === undefined)) {
    throw new ApiError("InvalidParameterCombination", "No modifications were requested.");
  }
  requireStatus(g, "available");
  const pg = change.parameterGroup ? findParameterGroup(c.ctx, c.account, change.parameterGroup) : undefined;
  if (pg && pg.family !== familyOfEngine(g.engineVersion)) {
    throw new ApiError("InvalidParameterCombination", `Expected a parameter group of family ${familyOfEngine(g.engineVersion)} but found one of family ${pg.family}`);
  }
  if (pg && clusterEnabledIn(pg) !== g.clusterEnabled) {
    throw new ApiError("InvalidParameterCombination", `Parameter group ${pg.name} has cluster-enabled ${g.clusterEnabled ? "no" : "yes"}, which does not match replication group ${g.id}.`);
  }
  const autoFailover = change.autoFailover ?? g.autoFailover;
  const nodes = g.shards[0].members.length;
  if ((change.multiAZ ?? g.multiAZ) && !autoFailover) {
    throw new ApiError("InvalidParameterCombination", "Multi-AZ cannot be enabled when automatic failover is disabled.");
  }
  if (autoFailover && !g.clusterEnabled && nodes < 2) {
    throw new ApiError("InvalidParameterCombination", "Automatic failover and Multi-AZ require at least one read replica.");
  }
  g.status = "modifying";
  if (pg) g.parameterApplyStatus = "applying";
  c.ctx.later(c.ctx.delays.modify, async () => {
    if (pg) {
      g.parameterGroupName = pg.name;
      await applyParameterGroup(c.ctx, g);
      g.parameterApplyStatus = "in-sync";
    }
    if (change.multiAZ !== undefined) g.multiAZ = change.multiAZ;
    g.autoFailover = autoFailover;
    if (change.transitEncryption !== undefined) g.transitEncryption = change.transitEncryption;
    if (change.description !== undefined) g.description = change.description;
    if (change.nodeType !== undefined) g.nodeType = change.nodeType;
    if (g.status === "modifying") g.status = "available";
    c.ctx.event({ accountId: g.account.accountId, sourceId: g.id, sourceType: "replication-group", message: `Replication group ${g.id} modified` });
  });
  return renderGroup(g, c.ctx.region);
};
