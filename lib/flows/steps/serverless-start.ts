import "server-only";
import { AppError } from "../../errors";
import { startServerlessMigration } from "../../aws/serverless-migration-query";
import { sendOnce, sentEarlierWithoutRetry } from "../write-ahead";
import type { TStepDef } from "../types";
import { isReplicating } from "../../serverless/migration-status";
import { cacheName, readCache, serverlessOptions, targetClients } from "./serverless-world";

/**
 * StartMigration at most once: a replicating (or completed) MigrationSummary means an earlier
 * call landed. After a StopMigration the restart replaces the cache's data, which needs the
 * operator's typed confirmation (ClearTargetCacheData).
 */
export const serverlessStart: TStepDef = {
  name: "start",
  label: "StartMigration",
  async run(ctx) {
    const name = cacheName(ctx);
    const status = (await readCache(ctx)).migration?.status;
    if (isReplicating(status) || /complet/i.test(status ?? "")) return { status: "done", detail: { observed: status, note: ctx.detail.sentAt ? "the earlier call landed" : "already started" } };
    if (!status) throw new AppError("AWS_ERROR", `${name} has no prepared migration any more (see its events). Retry prepares nothing: plan a new migration.`, { awsCode: "MigrationNotPrepared" });
    if (sentEarlierWithoutRetry(ctx.detail)) {
      throw new AppError("AWS_ERROR", `StartMigration was sent at ${ctx.detail.sentAt} but ${name} is still ${status} (AWS may have refused it; see its events). Retry sends it again.`, { awsCode: "MigrationNotObserved" });
    }
    const o = serverlessOptions(ctx);
    const clear = !!o.clearTargetCacheData;
    if (/stop/i.test(status) && !clear) {
      throw new AppError("ILLEGAL_TRANSITION", `The migration into ${name} was stopped: restarting replaces what the cache holds. Confirm "Clear the cache's data" (type the cache's name) on the migration page, then Retry.`);
    }
    const clients = await targetClients(ctx);
    const out = await sendOnce(ctx, { call: "StartMigration", send: () => startServerlessMigration(clients, { name, autoCutover: o.cutoverMode === "auto", clearTargetCacheData: clear }) });
    await ctx.event("aws.start_migration", `StartMigration sent for ${name} (${o.cutoverMode} cutover${clear ? `, ClearTargetCacheData confirmed by ${o.clearTargetCacheData!.confirmedBy}` : ""}).`, { requestId: out.requestId, migrationStatus: out.cache?.migration?.status });
    return { status: "done", detail: { requestId: out.requestId, migrationStatus: out.cache?.migration?.status, cutoverMode: o.cutoverMode, clearTargetCacheData: clear } };
  },
};
