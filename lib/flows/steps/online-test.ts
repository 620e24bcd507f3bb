import "server-only";
import { TestMigrationCommand } from "@aws-sdk/client-elasticache";
import { AppError } from "../../errors";
import { classifyAwsError } from "../../aws/classify-aws-error";
import { readReplication, replicatesFrom, targetGroupStatus } from "../world";
import type { TFlowContext, TStepDef } from "../types";

export function customerEndpoints(ctx: TFlowContext) {
  return [{ Address: ctx.migration.source.host!, Port: ctx.migration.source.port! }];
}

export function sourceAddress(ctx: TFlowContext) {
  return { host: ctx.migration.source.host!, port: ctx.migration.source.port! };
}

/** TestMigration changes nothing, but after a restart the group may already be migrating: then there is nothing to test. */
export const onlineTest: TStepDef = {
  name: "test",
  label: "TestMigration",
  async run(ctx) {
    const status = await targetGroupStatus(ctx);
    if (status === "migrating") {
      const view = await readReplication(await ctx.targetRedis());
      if (!replicatesFrom(view, sourceAddress(ctx))) {
        throw new AppError("CONFLICT", `Replication group ${ctx.migration.target.replicationGroupId} is already migrating from ${view.masterHost}:${view.masterPort}, not from this source.`);
      }
      return { status: "done", detail: { skipped: "the group is already migrating from this source" } };
    }
    if (status !== "available") return { status: "waiting", note: `The group is ${status}; waiting for available.` };
    const { aws } = await ctx.target();
    const groupId = ctx.migration.target.replicationGroupId!;
    try {
      const out = await aws!.clients.elasticache.send(new TestMigrationCommand({ ReplicationGroupId: groupId, CustomerNodeEndpointList: customerEndpoints(ctx) }));
      await ctx.event("aws.test_migration", `TestMigration of ${groupId} passed.`, { requestId: out.$metadata.requestId });
      return { status: "done", detail: { requestId: out.$metadata.requestId, groupStatus: out.ReplicationGroup?.Status } };
    } catch (err) {
      throw classifyAwsError(err, `TestMigration of ${groupId}`);
    }
  },
};
