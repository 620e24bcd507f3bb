import "server-only";
import { CompleteMigrationCommand } from "@aws-sdk/client-elasticache";
import { classifyAwsError } from "../../aws/classify-aws-error";
import { targetGroupStatus } from "../world";
import { refusedByAws, sentEarlierWithoutRetry } from "../write-ahead";
import type { TStepDef } from "../types";
import { awaitPromotion } from "./online-complete";

/** Abort = CompleteMigration Force:true, only if the group is migrating; the target keeps whatever it had copied. */
export const onlineAbort: TStepDef = {
  name: "abort",
  label: "Abort (CompleteMigration Force)",
  async run(ctx) {
    const groupId = ctx.migration.target.replicationGroupId!;
    const status = await targetGroupStatus(ctx);
    if (status === "available") return { status: "done", detail: { observed: ctx.detail.sentAt ? "stopped" : "nothing was migrating" } };
    if (status !== "migrating") return { status: "waiting", note: `The group is ${status}.` };
    if (sentEarlierWithoutRetry(ctx.detail)) return awaitPromotion(ctx, status, "CompleteMigration Force");
    await ctx.assertLease();
    await ctx.saveDetail({ sentAt: new Date().toISOString() });
    let requestId: string | undefined;
    try {
      const out = await ctx.target().then(({ aws }) => aws!.clients.elasticache.send(new CompleteMigrationCommand({ ReplicationGroupId: groupId, Force: true })));
      requestId = out.$metadata.requestId;
    } catch (err) {
      const e = classifyAwsError(err, `CompleteMigration (Force) of ${groupId}`);
      if (e.detail?.awsCode === "ReplicationGroupNotUnderMigrationFault") return { status: "waiting" };
      if (refusedByAws(e)) await ctx.saveDetail({ sentAt: null });
      throw e;
    }
    await ctx.afterWorldChange("CompleteMigration");
    await ctx.event("aws.complete_migration_forced", `CompleteMigration Force:true sent for ${groupId} (abort).`, { requestId }, "warn");
    return { status: "waiting", detail: { requestId }, note: "Stopping replication." };
  },
};
