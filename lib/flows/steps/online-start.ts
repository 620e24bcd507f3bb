import "server-only";
import { StartMigrationCommand } from "@aws-sdk/client-elasticache";
import { AppError, isAppError } from "../../errors";
import { classifyAwsError } from "../../aws/classify-aws-error";
import { readReplication, replicatesFrom, targetGroupStatus } from "../world";
import { sendOnce, sentEarlierWithoutRetry } from "../write-ahead";
import type { TStepDef } from "../types";
import { customerEndpoints, sourceAddress } from "./online-test";
import { readTargetShards } from "./target-shards";

/** Our own earlier attempt (an SDK retry after a timeout) may have landed: the world is the answer. */
const alreadyMigrating = (err: unknown) => isAppError(err) && err.detail?.awsCode === "ReplicationGroupAlreadyUnderMigrationFault";

/**
 * StartMigration at most once. The world decides first: a group already "migrating" means an
 * earlier runner's call landed (possibly just before it died), so nothing is sent. A write-ahead
 * marker (sentAt) saved before the call covers the other gap: sent, but the group shows no trace.
 * Then only an operator's Retry may send it again.
 */
export const onlineStart: TStepDef = {
  name: "start",
  label: "StartMigration",
  async run(ctx) {
    const groupId = ctx.migration.target.replicationGroupId!;
    const status = await targetGroupStatus(ctx);
    if (status === "migrating") {
      return { status: "done", detail: { observed: "migrating", note: ctx.detail.sentAt ? "the earlier call landed" : "already migrating" } };
    }
    if (status !== "available") return { status: "waiting", note: `The group is ${status}; waiting for available.` };
    if (sentEarlierWithoutRetry(ctx.detail)) {
      // Cluster mode: the call landed only if every shard's primary replicates its source shard.
      const sharded = await readTargetShards(ctx);
      if (sharded) {
        const idle = sharded.shards.filter((s) => s.view?.role !== "replica").map((s) => s.nodeGroupId);
        if (idle.length === 0) return { status: "done", detail: { observed: `all ${sharded.shards.length} shards replicate from the source` } };
        if (idle.length < sharded.shards.length) throw new AppError("AWS_ERROR", `StartMigration was sent at ${ctx.detail.sentAt} but shard${idle.length > 1 ? "s" : ""} ${idle.join(", ")} of ${groupId} ${idle.length > 1 ? "are" : "is"} not replicating while the others are (see its events). Retry sends StartMigration again.`, { awsCode: "MigrationNotObserved" });
      } else {
        const view = await readReplication(await ctx.targetRedis());
        if (replicatesFrom(view, sourceAddress(ctx))) return { status: "done", detail: { observed: "target replicates from the source" } };
      }
      throw new AppError("AWS_ERROR", `StartMigration was sent at ${ctx.detail.sentAt} but ${groupId} is available and not replicating (AWS may have rolled it back; see its events). Retry sends StartMigration again.`, { awsCode: "MigrationNotObserved" });
    }
    let out;
    try {
      out = await sendOnce(ctx, {
        call: "StartMigration",
        send: () => ctx.target().then(({ aws }) => aws!.clients.elasticache.send(new StartMigrationCommand({ ReplicationGroupId: groupId, CustomerNodeEndpointList: customerEndpoints(ctx) }))).catch((err) => {
          throw classifyAwsError(err, `StartMigration of ${groupId}`);
        }),
        mayHaveLanded: alreadyMigrating,
      });
    } catch (err) {
      if (alreadyMigrating(err)) return { status: "done", detail: { observed: "already under migration" } };
      throw err;
    }
    await ctx.event("aws.start_migration", `StartMigration: ${groupId} now replicates from ${ctx.migration.source.host}:${ctx.migration.source.port}.`, { requestId: out.$metadata.requestId, groupStatus: out.ReplicationGroup?.Status });
    return { status: "done", detail: { requestId: out.$metadata.requestId, groupStatus: out.ReplicationGroup?.Status } };
  },
};
