import "server-only";
import { AppError } from "../../errors";
import { describeServerlessCache, type TServerlessCacheView } from "../../aws/serverless-migration-query";
import type { TServerlessOptions } from "../../serverless/serverless-options";
import { readServerlessOptions } from "../../migrations/migration-record";
import type { TFlowContext } from "../types";

/** The serverless cache's name: an ElastiCache endpoint whose id names a serverless cache. */
export const cacheName = (ctx: TFlowContext): string => ctx.migration.target.replicationGroupId!;

export async function targetClients(ctx: TFlowContext) {
  const { aws } = await ctx.target();
  if (!aws) throw new AppError("INVALID_INPUT", `${ctx.migration.target.name} is not an ElastiCache endpoint.`);
  return aws.clients;
}

/** What AWS says of the cache now, MigrationSummary included. */
export async function readCache(ctx: TFlowContext): Promise<TServerlessCacheView> {
  return describeServerlessCache(await targetClients(ctx), cacheName(ctx));
}

export function serverlessOptions(ctx: TFlowContext): TServerlessOptions {
  return readServerlessOptions(ctx.migration.options);
}
