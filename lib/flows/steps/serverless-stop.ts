import "server-only";
import { stopServerlessMigration } from "../../aws/serverless-migration-query";
import { sendOnce, sentEarlierWithoutRetry } from "../write-ahead";
import type { TStepDef } from "../types";
import { awaitPromotion } from "./online-complete";
import { isReplicating } from "../../serverless/migration-status";
import { cacheName, readCache, targetClients } from "./serverless-world";

/**
 * The serverless flow's abort: StopMigration at most once. The migration endpoint keeps serving
 * the source; a restart (a new migration on the same pair) needs ClearTargetCacheData.
 */
export const serverlessStop: TStepDef = {
  name: "abort",
  label: "StopMigration",
  async run(ctx) {
    const name = cacheName(ctx);
    const status = (await readCache(ctx)).migration?.status;
    if (!isReplicating(status)) {
      if (status && /^prepar/i.test(status) && !/prepared/i.test(status)) return { status: "waiting", note: `AWS is still validating (${status}).` };
      return { status: "done", detail: { observed: status ?? "no migration", note: ctx.detail.sentAt ? "stopped" : "nothing was replicating" } };
    }
    if (sentEarlierWithoutRetry(ctx.detail)) return awaitPromotion(ctx, status!, "StopMigration");
    const clients = await targetClients(ctx);
    let out;
    try {
      out = await sendOnce(ctx, { call: "StopMigration", send: () => stopServerlessMigration(clients, name) });
    } catch (err) {
      const e = err as { detail?: Record<string, unknown> };
      if (e.detail?.awsCode === "ServerlessCacheNotUnderMigrationFault") return { status: "waiting", note: "AWS says nothing is migrating; checking again." };
      throw err;
    }
    await ctx.event("aws.stop_migration", `StopMigration sent for ${name}; the migration endpoint keeps serving the source.`, { requestId: out.requestId }, "warn");
    return { status: "waiting", detail: { requestId: out.requestId }, note: "Stopping the migration." };
  },
};
