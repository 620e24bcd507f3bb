import "server-only";
import { AppError } from "../../errors";
import { parseInfo } from "../../redis/info";
import { emptyTarget } from "../../replicate";
import { readReplicateOptions } from "../../migrations/migration-record";
import type { TStepDef } from "../types";

async function targetKeys(ctx: Parameters<TStepDef["run"]>[0]): Promise<number> {
  const info = parseInfo(await (await ctx.targetRedis()).info("keyspace"));
  return Object.values(info.keyspace).reduce((n, e) => n + e.keys, 0);
}

/**
 * Key-level replication needs an empty target: keys only the target holds would survive as
 * differences. FLUSHALL only when the operator chose it and typed the target's name; otherwise a
 * non-empty target stops the flow with the fix.
 */
export const replicateEmptyTarget: TStepDef = {
  name: "empty-target",
  label: "Target is empty",
  async run(ctx) {
    const keys = await targetKeys(ctx);
    if (keys === 0) return { status: "done", detail: { targetKeys: 0, flushed: !!ctx.detail.sentAt } };
    const o = readReplicateOptions(ctx.migration.options);
    const name = ctx.migration.target.name;
    if (!o.emptyTargetFirst || o.emptyTargetConfirm !== name) {
      throw new AppError("PREFLIGHT_FAILED", `The target ${name} holds ${keys.toLocaleString("en-US")} keys. Empty it yourself, or choose "Empty the target first" in the replication options and type its name, then Retry.`);
    }
    await ctx.assertLease();
    await ctx.saveDetail({ sentAt: new Date().toISOString(), keysBefore: keys });
    await emptyTarget({ redis: (await ctx.target()).redis, label: name }, o.emptyTargetConfirm);
    await ctx.afterWorldChange("FLUSHALL");
    await ctx.event("redis.flushall", `FLUSHALL on the target ${name} (${keys.toLocaleString("en-US")} keys), as the operator chose with its name typed.`, { keys }, "warn");
    return { status: "done", detail: { targetKeys: 0, flushed: true, keysBefore: keys } };
  },
};
