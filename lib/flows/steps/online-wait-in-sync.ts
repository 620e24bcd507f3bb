import "server-only";
import { AppError } from "../../errors";
import { readReplication, targetGroupStatus } from "../world";
import type { TStepDef } from "../types";

/** In sync = the group is migrating, the target's link to the source is up and no full sync is running. */
export const onlineWaitInSync: TStepDef = {
  name: "wait-in-sync",
  label: "Initial sync",
  advance: { from: "running", to: "in-sync" },
  async run(ctx) {
    const status = await targetGroupStatus(ctx);
    const view = await readReplication(await ctx.targetRedis());
    const detail = { groupStatus: status, linkUp: view.linkUp, syncInProgress: view.syncInProgress, syncPercent: view.syncPercent };
    if (status === "available" && view.role === "primary") {
      // AWS promotes the target back when it cannot replicate; say so rather than wait forever.
      throw new AppError("AWS_ERROR", `${ctx.migration.target.replicationGroupId} is available again and not replicating: ElastiCache gave up on the migration (see its events).`, { awsCode: "MigrationRolledBack" });
    }
    if (status === "migrating" && view.linkUp && !view.syncInProgress) return { status: "done", detail };
    return { status: "waiting", detail, note: view.syncInProgress ? `Initial sync ${view.syncPercent ?? "?"}%` : `Link ${view.linkUp ? "up" : "down"}` };
  },
};
