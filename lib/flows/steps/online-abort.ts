import "server-only";
import { CompleteMigrationCommand } from "@aws-sdk/client-elasticache";
import { classifyAwsError } from "../../aws/classify-aws-error";
import { targetGroupStatus } from "../world";
import { sendOnce, sentEarlierWithoutRetry } from "../write-ahead";
import type { TStepDef } from "../types";
import { awaitPromotion, promotionMayHaveLanded } from "./online-complete";

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
    let requestId: string | undefined;
    try {
      const out = await sendOnce(ctx, {
        call: "CompleteMigration",
        send: () => ctx.target().then(({ aws }) => aws!.clients.elasticache.send(new CompleteMigrationCommand({ ReplicationGroupId: groupId, Force: true }))).catch((err) => {
          throw classifyAwsError(err, `CompleteMigration (Force) of ${groupId}`);
        }),
        mayHaveLanded: promotionMayHaveLanded,
      });
      requestId = out.$metadata.requestId;
    } catch (err) {
      if (promotionMayHaveLanded(err)) return { status: "waiting" };
      throw err;
    }
    await ctx.event("aws.complete_migration_forced", `CompleteMigration Force:true sent for ${groupId} (abort).`, { requestId }, "warn");
    return { status: "waiting", detail: { requestId }, note: "Stopping replication." };
  },
};
