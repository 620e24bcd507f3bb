import "server-only";
import { CreateReplicationGroupCommand, type ElastiCacheClient } from "@aws-sdk/client-elasticache";
import { AppError } from "../errors";
import { classifyAwsError } from "../aws/classify-aws-error";
import { describeReplicationGroup } from "../aws/elasticache";
import { targetSlotRanges } from "./cluster-target-layout";
import { noTracking, type ResourceTracker } from "./created-resources";
import type { TargetShape } from "./target-group-defaults";

export type CreateTargetGroupOptions = {
  elasticache: ElastiCacheClient;
  replicationGroupId: string;
  description: string;
  /** One `arn:aws:s3:::bucket/key` per node group, in node group order. */
  snapshotArns: string[];
  shape: Omit<TargetShape, "why">;
  parameterGroup?: string;
  engineVersion?: string;
  /** Slot ranges of the source's shards: kept when the shard counts match, else split evenly. */
  slots?: string[];
  /** Cluster mode enabled even with one node group (more than one implies it). */
  clusterMode?: boolean;
  track?: ResourceTracker;
};

/**
 * CreateReplicationGroup seeded from the RDBs. Idempotent: a group with this id that Ferry created
 * earlier for this migration is the answer; one Ferry did not create stops the flow (it will
 * neither reuse nor replace somebody else's group).
 */
export async function createTargetGroup(opts: CreateTargetGroupOptions): Promise<{ created: boolean; status: string }> {
  const track = opts.track ?? noTracking;
  const id = opts.replicationGroupId;
  const existing = await describeReplicationGroup({ elasticache: opts.elasticache }, id).catch((e: AppError) => {
    if (e.code === "AWS_NOT_FOUND") return null;
    throw e;
  });
  if (existing) {
    if (await track.isOurs("replication-group", id)) return { created: false, status: existing.Status ?? "unknown" };
    throw new AppError("CONFLICT", `Replication group ${id} already exists and Ferry did not create it for this migration. Pick a new group id for the target endpoint (a snapshot migration creates its target).`);
  }
  const { nodeType, numNodeGroups, replicasPerNodeGroup } = opts.shape;
  const clustered = numNodeGroups > 1 || !!opts.clusterMode;
  // Cluster mode loads every RDB's keys by slot; without it each RDB seeds one node group.
  if (!clustered && opts.snapshotArns.length > 1) {
    throw new AppError("INVALID_INPUT", `The snapshot has ${opts.snapshotArns.length} RDB files (one per source shard); a cluster-mode-disabled target has one node group: choose cluster mode.`);
  }
  await track.pending("replication-group", "target", id, { nodeType, numNodeGroups, replicasPerNodeGroup });
  try {
    const out = await opts.elasticache.send(new CreateReplicationGroupCommand({
      ReplicationGroupId: id,
      ReplicationGroupDescription: opts.description,
      Engine: "redis",
      EngineVersion: opts.engineVersion,
      CacheNodeType: nodeType,
      CacheParameterGroupName: opts.parameterGroup,
      SnapshotArns: opts.snapshotArns,
      ...(clustered
        ? {
            NumNodeGroups: numNodeGroups,
            ReplicasPerNodeGroup: replicasPerNodeGroup,
            // AWS requires NodeGroupConfiguration to seed a cluster-mode target from RDBs.
            NodeGroupConfiguration: targetSlotRanges(numNodeGroups, opts.slots)
              .map((Slots, i) => ({ NodeGroupId: String(i + 1).padStart(4, "0"), Slots, ReplicaCount: replicasPerNodeGroup })),
          }
        : { NumCacheClusters: replicasPerNodeGroup + 1 }),
      AutomaticFailoverEnabled: clustered || replicasPerNodeGroup > 0,
      MultiAZEnabled: replicasPerNodeGroup > 0,
    }));
    await track.created("replication-group", id, { requestId: out.$metadata.requestId });
    return { created: true, status: out.ReplicationGroup?.Status ?? "creating" };
  } catch (err) {
    const e = classifyAwsError(err, `CreateReplicationGroup ${id}`);
    if (/READ permission/i.test(String(e.detail?.awsMessage))) {
      throw new AppError(e.code, `${e.message} Fix: Ferry grants ElastiCache READ on each seed object in the grant step; if the bucket has Object Ownership "BucketOwnerEnforced", enable ACLs (BucketOwnerPreferred) and Retry.`, e.detail);
    }
    throw e;
  }
}
