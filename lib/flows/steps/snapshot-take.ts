import "server-only";
import type { Snapshot } from "@aws-sdk/client-elasticache";
import { AppError } from "../../errors";
import { createOrReuseSnapshot } from "../../snapshot/create-or-reuse-snapshot";
import { headObject } from "../../snapshot/export-snapshot";
import { bgsaveUploadInstructions } from "../../redis/rdb-stream-fallback";
import { lookAtSnapshot } from "../../snapshot/wait-snapshot-available";
import type { TFlowContext, TStepDef, TStepOutcome } from "../types";
import { recordSnapshotMoment, snapshotContext, type TSnapshotContext } from "./snapshot-context";
import { streamSourceRdbs } from "./snapshot-stream-source";

/**
 * The snapshot moment. ElastiCache source: CreateSnapshot (or reuse), then wait for `available`.
 * Self-managed source: stream the RDB over replication straight into the import bucket (or take
 * the operator's hand-uploaded dump.rdb). Writes after this moment are not migrated.
 */
export const snapshotTake: TStepDef = {
  name: "snapshot",
  label: "Snapshot (CreateSnapshot, or RDB stream to S3)",
  async run(ctx) {
    const s = snapshotContext(ctx);
    return s.fromElastiCache ? elastiCacheSnapshot(ctx, s) : selfManagedRdb(ctx, s);
  },
};

async function elastiCacheSnapshot(ctx: TFlowContext, s: TSnapshotContext): Promise<TStepOutcome> {
  const { elasticache } = s.sourceAws();
  let name = ctx.detail.snapshotName as string | undefined;
  if (!name) {
    await ctx.assertLease();
    const choice = await createOrReuseSnapshot({
      elasticache, replicationGroupId: ctx.migration.source.replicationGroupId!, snapshotName: s.names.snapshotName,
      reuseWithinMs: s.options.reuseSnapshotWithinMinutes * 60_000, track: s.track,
    });
    if (choice.created) await ctx.afterWorldChange("CreateSnapshot");
    await ctx.saveDetail({ snapshotName: choice.name, reused: choice.reused });
    await ctx.event(choice.reused ? "snapshot.reused" : "aws.create_snapshot",
      choice.reused ? `Reusing snapshot ${choice.name} taken ${choice.createdAt}.` : `CreateSnapshot ${choice.name} of ${ctx.migration.source.replicationGroupId}.`, { ...choice });
    name = choice.name;
  }
  const look = await lookAtSnapshot({ elasticache, name, since: ctx.stepStartedAt ?? new Date(), timeoutMs: s.options.snapshotTimeoutMinutes * 60_000 });
  if (look.status !== "available") return { status: "waiting", detail: { snapshotStatus: look.status, elapsedMs: look.elapsedMs }, note: `Snapshot ${name} is ${look.status} (${Math.round(look.elapsedMs / 1000)} s).` };
  const moment = snapshotMoment(look.snapshot);
  if (moment) await recordSnapshotMoment(ctx.migration, moment, `CreateSnapshot ${name}`);
  return { status: "done", detail: { snapshotName: name, snapshotStatus: "available", nodeGroups: nodeGroupCount(look.snapshot), snapshotMoment: moment, elapsedMs: look.elapsedMs } };
}

async function selfManagedRdb(ctx: TFlowContext, s: TSnapshotContext): Promise<TStepOutcome> {
  const { s3 } = s.targetAws();
  const bucket = s.options.importBucket;
  if (s.options.rdbSource === "uploaded") {
    const key = s.options.uploadedKey ?? s.names.uploadKey;
    const obj = await headObject(s3, bucket, key);
    if (!obj) {
      const steps = bgsaveUploadInstructions((await ctx.source()).redis, { bucket, key });
      throw new AppError("NOT_FOUND", `s3://${bucket}/${key} does not exist yet. ${steps.map((c, i) => `(${i + 1}) ${c}`).join(" ")}`, { instructions: steps });
    }
    // The BGSAVE moment is the operator's; the upload time is the latest it can be.
    if (obj.lastModified) await recordSnapshotMoment(ctx.migration, obj.lastModified, `uploaded by hand (S3 LastModified of ${key}, an upper bound)`);
    return { status: "done", detail: { seedKeys: [key], uploadedByHand: true, bytes: obj.size, snapshotMoment: obj.lastModified } };
  }
  return streamSourceRdbs(ctx, s);
}

function snapshotMoment(s: Snapshot): string | null {
  const t = s.NodeSnapshots?.[0]?.SnapshotCreateTime;
  return t ? new Date(t).toISOString() : null;
}

function nodeGroupCount(s: Snapshot): number {
  const ids = new Set((s.NodeSnapshots ?? []).map((n) => n.NodeGroupId ?? n.CacheClusterId));
  return s.NumNodeGroups ?? Math.max(1, ids.size);
}
