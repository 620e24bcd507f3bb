import "server-only";
import { CompleteMigrationCommand } from "@aws-sdk/client-elasticache";
import { AppError } from "../../errors";
import { classifyAwsError } from "../../aws/classify-aws-error";
import { evaluateCutoverGate } from "../../monitor/cutover-gate";
import { finishCutover, recordCutoverMoment } from "../record-cutover";
import { readOffsets, readReplication, targetGroupStatus } from "../world";
import { refusedByAws, sentEarlierWithoutRetry } from "../write-ahead";
import type { TFlowContext, TStepDef, TStepOutcome } from "../types";

/**
 * CompleteMigration at most once: after a restart, a saved sentAt means "wait for the promotion",
 * never "send again". The gate is re-checked right before the call, since minutes may separate
 * the operator's click from this pass.
 */
export const onlineComplete: TStepDef = {
  name: "complete",
  label: "CompleteMigration",
  async run(ctx) {
    const groupId = ctx.migration.target.replicationGroupId!;
    const status = await targetGroupStatus(ctx);
    const view = await readReplication(await ctx.targetRedis());
    const promoted = status === "available" && view.role === "master";
    if (promoted) return finishCutover(ctx, ctx.detail.sentAt ? "promoted" : "found promoted (completed outside Ferry?)");
    if (sentEarlierWithoutRetry(ctx.detail)) return awaitPromotion(ctx, status, "CompleteMigration");
    if (status !== "migrating") return { status: "waiting", note: `The group is ${status}.` };

    const gate = await evaluateCutoverGate({ migrationId: ctx.migration.id });
    if (!gate.open) return { status: "back-to-gate", reason: gate.conditions.filter((c) => !c.ok).map((c) => `${c.label}: ${c.detail}`).join("; "), detail: { gate } };
    const finalOffsets = await readOffsets(ctx);
    await ctx.assertLease();
    await ctx.saveDetail({ sentAt: new Date().toISOString(), gate, finalOffsets });
    let out;
    try {
      out = await ctx.target().then(({ aws }) => aws!.clients.elasticache.send(new CompleteMigrationCommand({ ReplicationGroupId: groupId })));
    } catch (err) {
      const e = classifyAwsError(err, `CompleteMigration of ${groupId}`);
      if (e.detail?.awsCode === "InvalidReplicationGroupState" || e.detail?.awsCode === "InvalidReplicationGroupStateFault") {
        // AWS's own sync check said no: nothing changed, so this is the gate closing, not a failure.
        await ctx.saveDetail({ sentAt: null });
        return { status: "back-to-gate", reason: `AWS refused: ${e.detail.awsMessage}` };
      }
      if (e.detail?.awsCode === "ReplicationGroupNotUnderMigrationFault") return { status: "waiting", note: "AWS says the group is no longer migrating; checking the target." };
      if (refusedByAws(e)) await ctx.saveDetail({ sentAt: null });
      throw e;
    }
    await ctx.afterWorldChange("CompleteMigration");
    await recordCutoverMoment(ctx, finalOffsets);
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
