import "server-only";
import { db } from "../../db";
import { describeReplicationGroup } from "../../aws/elasticache";
import { createTargetGroup } from "../../snapshot/create-target-group";
import { describeClusterRestore, targetSlotRanges } from "../../snapshot/cluster-target-layout";
import { s3Arn } from "../../snapshot/snapshot-names";
import { defaultTargetShape } from "../../snapshot/target-group-defaults";
import { lookAtGroup } from "../../snapshot/wait-group-available";
import type { TStepDef } from "../types";
import { snapshotContext, stepDetail } from "./snapshot-context";
import { seedKeysOf } from "./snapshot-grant";

/** CreateReplicationGroup in the target account, seeded with every RDB (one per node group). */
export const snapshotRestore: TStepDef = {
  name: "restore",
  label: "Create the target group from the RDB files",
  async run(ctx) {
    const s = snapshotContext(ctx);
    const m = ctx.migration;
    const bucket = s.sameBucket ? s.options.exportBucket! : s.options.importBucket;
    const keys = await seedKeysOf(m.id, s.fromElastiCache);
    const sourceGroup = s.fromElastiCache ? await describeReplicationGroup(s.sourceAws(), m.source.replicationGroupId!) : null;
    const defaults = defaultTargetShape({ usedMemoryBytes: await sourceUsedMemory(m.id), sourceGroup, rdbCount: keys.length });
    const shape = {
      nodeType: s.options.nodeType ?? defaults.nodeType,
      numNodeGroups: s.options.numNodeGroups ?? defaults.numNodeGroups,
      replicasPerNodeGroup: s.options.replicasPerNodeGroup ?? defaults.replicasPerNodeGroup,
    };
    const sourceSlots = sourceGroup
      ? sourceGroup.NodeGroups?.map((g) => g.Slots ?? "").filter(Boolean)
      : ((await stepDetail(m.id, "snapshot")).sourceSlots as string[] | undefined);
    const clusterMode = shape.numNodeGroups > 1 || keys.length > 1 || (s.options.clusterMode ?? !!sourceGroup?.ClusterEnabled);
    await ctx.assertLease();
    const out = await createTargetGroup({
      elasticache: s.targetAws().elasticache,
      replicationGroupId: m.target.replicationGroupId!,
      description: `Ferry snapshot migration ${m.name}`,
      snapshotArns: keys.map((k) => s3Arn(bucket, k)),
      shape,
      parameterGroup: s.options.parameterGroup,
      engineVersion: s.options.engineVersion,
      slots: sourceSlots,
      clusterMode,
      track: s.track,
    });
    const plan = clusterMode ? describeClusterRestore({ ...shape, rdbCount: keys.length, sourceSlots }) : undefined;
    if (out.created) {
      await ctx.afterWorldChange("CreateReplicationGroup");
      await ctx.event("aws.create_replication_group", `CreateReplicationGroup ${m.target.replicationGroupId} (${shape.nodeType}, ${shape.numNodeGroups} shard(s), ${shape.replicasPerNodeGroup} replica(s) each) seeded from ${keys.length} RDB file(s).${plan ? ` ${plan}` : ""}`, { ...shape, why: defaults.why });
    }
    const slots = clusterMode ? targetSlotRanges(shape.numNodeGroups, sourceSlots) : undefined;
    return { status: "done", detail: { ...shape, clusterMode, slots, plan, defaultsWhy: defaults.why, snapshotArns: keys.map((k) => s3Arn(bucket, k)), groupStatus: out.status } };
  },
};

/** Waits for `available`, with elapsed time; restore-failed and the timeout end the flow clearly. */
export const snapshotWaitAvailable: TStepDef = {
  name: "wait-available",
  label: "Wait for the target group to be available",
  async run(ctx) {
    const s = snapshotContext(ctx);
    const look = await lookAtGroup({ elasticache: s.targetAws().elasticache, replicationGroupId: ctx.migration.target.replicationGroupId!, since: ctx.stepStartedAt ?? new Date(), timeoutMs: s.options.restoreTimeoutMinutes * 60_000 });
    if (look.status !== "available") return { status: "waiting", detail: { groupStatus: look.status, elapsedMs: look.elapsedMs }, note: `${ctx.migration.target.replicationGroupId} is ${look.status} (${Math.round(look.elapsedMs / 1000)} s).` };
    return { status: "done", detail: { groupStatus: "available", elapsedMs: look.elapsedMs } };
  },
};

async function sourceUsedMemory(migrationId: string): Promise<number | null> {
  const id = (await stepDetail(migrationId, "baseline-before")).sourceBaselineId as string | undefined;
  const row = id ? await db.baseline.findUnique({ where: { id }, select: { data: true } }) : null;
  return row ? (JSON.parse(row.data).memory?.used ?? null) : null;
}
