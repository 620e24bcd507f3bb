import "server-only";
import { AppError } from "../../errors";
import { readReplication, targetGroupStatus } from "../world";
import type { TFlowContext, TStepDef, TStepOutcome } from "../types";
import { readTargetShards, type TTargetShards } from "./target-shards";

/** In sync = the group is migrating, the target's link to the source is up and no full sync is running. */
export const onlineWaitInSync: TStepDef = {
  name: "wait-in-sync",
  label: "Initial sync",
  advance: { from: "running", to: "in-sync" },
  async run(ctx) {
    const sharded = await readTargetShards(ctx);
    if (sharded) return everyShard(ctx, sharded);
    const status = await targetGroupStatus(ctx);
    const view = await readReplication(await ctx.targetRedis());
    const detail = { groupStatus: status, linkUp: view.linkUp, syncInProgress: view.syncInProgress, syncPercent: view.syncPercent };
    if (status === "available" && view.role === "primary") {
      // AWS promotes the target back when it cannot replicate; say so rather than wait forever.
      throw rolledBack(ctx);
    }
    if (status === "migrating" && view.linkUp && !view.syncInProgress) return { status: "done", detail };
    return { status: "waiting", detail, note: view.syncInProgress ? `Initial sync ${view.syncPercent ?? "?"}%` : `Link ${view.linkUp ? "up" : "down"}` };
  },
};

/**
 * Cluster mode enabled: each target shard's primary replicates the source shard owning its slots,
 * so the step is done only when every shard's link is up with no full sync; the note names the
 * shards still behind.
 */
function everyShard(ctx: TFlowContext, { rg, shards, behind }: NonNullable<TTargetShards>): TStepOutcome {
  const detail = {
    groupStatus: rg.Status,
    shards: shards.map((s) => ({ nodeGroupId: s.nodeGroupId, linkUp: s.view?.linkUp ?? null, syncInProgress: s.view?.syncInProgress ?? null, syncPercent: s.view?.syncPercent ?? null })),
  };
  if (rg.Status === "available" && shards.every((s) => s.view?.role === "primary")) {
    throw rolledBack(ctx);
  }
  if (rg.Status === "migrating" && shards.length > 0 && behind.length === 0) return { status: "done", detail };
  return { status: "waiting", detail, note: behind.length ? `Waiting for ${behind.join("; ")}` : `The group is ${rg.Status}` };
}

const rolledBack = (ctx: TFlowContext) =>
  new AppError("AWS_ERROR", `${ctx.migration.target.replicationGroupId} is available again and not replicating: ElastiCache gave up on the migration (see its events).`, { awsCode: "MigrationRolledBack" });
