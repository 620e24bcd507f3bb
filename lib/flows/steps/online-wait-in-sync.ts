import "server-only";
import { AppError } from "../../errors";
import { readReplication, targetGroupStatus } from "../world";
import { describeMemberClusters, describeReplicationGroup } from "../../aws/elasticache";
import type { AwsClients } from "../../aws/clients";
import { nodeGroupsFrom } from "../../aws/node-groups";
import { readShardReplication, shardNotInSync } from "../shard-replication";
import type { TFlowContext, TStepDef, TStepOutcome } from "../types";

/** In sync = the group is migrating, the target's link to the source is up and no full sync is running. */
export const onlineWaitInSync: TStepDef = {
  name: "wait-in-sync",
  label: "Initial sync",
  advance: { from: "running", to: "in-sync" },
  async run(ctx) {
    const t = await ctx.target();
    if (t.aws?.discovered.clusterEnabled) return waitEveryShard(ctx, t.aws.clients);
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

/**
 * Cluster mode enabled: each target shard's primary replicates the source shard owning its slots,
 * so the step is done only when every shard's link is up with no full sync; the note names the
 * shards still behind. Shards come from DescribeReplicationGroups NodeGroups on every pass.
 */
async function waitEveryShard(ctx: TFlowContext, clients: AwsClients): Promise<TStepOutcome> {
  const groupId = ctx.migration.target.replicationGroupId!;
  const rg = await describeReplicationGroup(clients, groupId);
  const shards = await readShardReplication(nodeGroupsFrom(rg, await describeMemberClusters(clients, rg)), (n) => ctx.targetNodeRedis(n));
  const behind = shards.map(shardNotInSync).filter((x): x is string => x !== null);
  const detail = {
    groupStatus: rg.Status,
    shards: shards.map((s) => ({ nodeGroupId: s.nodeGroupId, linkUp: s.view?.linkUp ?? null, syncInProgress: s.view?.syncInProgress ?? null, syncPercent: s.view?.syncPercent ?? null })),
  };
  if (rg.Status === "available" && shards.every((s) => s.view?.role === "primary")) {
    throw new AppError("AWS_ERROR", `${groupId} is available again and not replicating: ElastiCache gave up on the migration (see its events).`, { awsCode: "MigrationRolledBack" });
  }
  if (rg.Status === "migrating" && shards.length > 0 && behind.length === 0) return { status: "done", detail };
  return { status: "waiting", detail, note: behind.length ? `Waiting for ${behind.join("; ")}` : `The group is ${rg.Status}` };
}
