import "server-only";
import { CompleteMigrationCommand } from "@aws-sdk/client-elasticache";
import { AppError, isAppError } from "../../errors";
import { classifyAwsError } from "../../aws/classify-aws-error";
import { evaluateCutoverGate } from "../../monitor/cutover-gate";
import { describeClosedGate } from "../../monitor/describe-closed-gate";
import { holdCutover } from "../cutover-hold";
import { finishCutover, recordCutoverMoment } from "../record-cutover";
import { readOffsets, readReplication, targetGroupStatus } from "../world";
import { sendOnce, sentAtOf, sentEarlierWithoutRetry } from "../write-ahead";
import { readTargetShards } from "./target-shards";
import type { TFlowContext, TStepDef, TStepOutcome } from "../types";

const awsCodeOf = (err: unknown) => (isAppError(err) ? err.detail?.awsCode : undefined);
/** An SDK retry of a CompleteMigration that went through hears "not under migration". */
export const promotionMayHaveLanded = (err: unknown) => awsCodeOf(err) === "ReplicationGroupNotUnderMigrationFault";

/**
 * CompleteMigration at most once: after a restart, a saved sentAt means "wait for the promotion",
 * never "send again". The gate is re-checked right before the call, since minutes may separate
 * the operator's click from this pass; a closed gate holds the confirmation rather than dropping it.
 */
export const onlineComplete: TStepDef = {
  name: "complete",
  label: "CompleteMigration",
  async run(ctx) {
    const groupId = ctx.migration.target.replicationGroupId!;
    const status = await targetGroupStatus(ctx);
    const view = await readReplication(await ctx.targetRedis());
    const promoted = status === "available" && view.role === "primary";
    if (promoted) return finishCutover(ctx, ctx.detail.sentAt ? "promoted" : "found promoted (completed outside Ferry?)");
    if (sentEarlierWithoutRetry(ctx.detail)) return awaitPromotion(ctx, status, "CompleteMigration");
    if (status !== "migrating") return { status: "waiting", note: `The group is ${status}.` };

    const gate = await evaluateCutoverGate({ migrationId: ctx.migration.id });
    if (!gate.open) return holdCutover(ctx, describeClosedGate(gate));
    // The gate's samples see one node of a cluster-mode target; every shard must be in sync too.
    const sharded = await readTargetShards(ctx);
    if (sharded?.behind.length) return holdCutover(ctx, `Not every shard is in sync: ${sharded.behind.join("; ")}`);
    const finalOffsets = await readOffsets(ctx);
    let out;
    try {
      out = await sendOnce(ctx, {
        call: "CompleteMigration",
        record: { gate, finalOffsets },
        send: () => ctx.target().then(({ aws }) => aws!.clients.elasticache.send(new CompleteMigrationCommand({ ReplicationGroupId: groupId }))).catch((err) => {
          throw classifyAwsError(err, `CompleteMigration of ${groupId}`);
        }),
        mayHaveLanded: promotionMayHaveLanded,
      });
    } catch (err) {
      const code = awsCodeOf(err);
      // AWS's own sync check said no: nothing changed, so this is the gate closing, not a failure.
      if (code === "InvalidReplicationGroupState" || code === "InvalidReplicationGroupStateFault") return holdCutover(ctx, `AWS refused: ${(err as AppError).detail?.awsMessage}`);
      if (promotionMayHaveLanded(err)) return { status: "waiting", note: "AWS says the group is no longer migrating; checking the target." };
      throw err;
    }
    await recordCutoverMoment(ctx, finalOffsets, sentAtOf(ctx.detail)!);
    await ctx.event("aws.complete_migration", `CompleteMigration accepted for ${groupId}; final offsets source ${finalOffsets.source}, target ${finalOffsets.target}.`, { requestId: out.$metadata.requestId, finalOffsets });
    return { status: "waiting", detail: { requestId: out.$metadata.requestId }, note: "Promotion in progress." };
  },
};

/** Waits for a sent promotion to show, and fails (Retry / Abort) if it never does. */
export function awaitPromotion(ctx: TFlowContext, status: string, call: string): TStepOutcome {
  const sentAt = Date.parse(String(ctx.detail.sentAt));
  if (Date.now() - sentAt > ctx.options.promotionTimeoutMs) {
    throw new AppError("AWS_ERROR", `${call} was sent at ${ctx.detail.sentAt} but ${ctx.migration.target.replicationGroupId} is still ${status} (the promotion may have failed; see its events). Retry sends it again.`, { awsCode: "PromotionNotObserved" });
  }
  return { status: "waiting", detail: { groupStatus: status }, note: "Promotion in progress." };
}
