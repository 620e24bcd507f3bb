import "server-only";
import { db } from "../db";
import { readMigrationOptions, watchHoursOf, writeFinalOffsets, type TFinalOffsets } from "../migrations/migration-record";
import type { TFlowContext, TStepOutcome } from "./types";
import { sentAtOf } from "./write-ahead";

/**
 * The cutover moment is the promotion call's (CompleteMigration, REPLICAOF NO ONE), as its
 * write-ahead marker recorded it just before sending, so a runner that recovers the call after a
 * crash records the same moment as the one that sent it; the offsets are those read just before.
 */
export async function recordCutoverMoment(ctx: TFlowContext, finalOffsets: TFinalOffsets, at: Date): Promise<Date> {
  await db.migration.update({ where: { id: ctx.migration.id }, data: { cutoverAt: at, finalOffsets: writeFinalOffsets(finalOffsets) } });
  ctx.migration.cutoverAt = at;
  ctx.migration.finalOffsets = writeFinalOffsets(finalOffsets);
  return at;
}

/** Post-cutover watch (seed 004): the monitor keeps sampling the target until watchUntil. */
export async function startPostCutoverWatch(ctx: TFlowContext): Promise<Date> {
  const hours = watchHoursOf(readMigrationOptions(ctx.migration.options), ctx.options.watchHours);
  const until = new Date(Date.now() + hours * 3_600_000);
  await db.migration.update({ where: { id: ctx.migration.id }, data: { watchUntil: until } });
  ctx.migration.watchUntil = until;
  return until;
}

/** The target is promoted: make sure the moment is recorded and start the post-cutover watch. */
export async function finishCutover(ctx: TFlowContext, observed: string): Promise<TStepOutcome> {
  // A runner that died between the call and recording it left the offsets in the step's write-ahead detail.
  const saved = ctx.detail.finalOffsets as TFinalOffsets | undefined;
  if (!ctx.migration.cutoverAt) {
    await recordCutoverMoment(ctx, saved ?? { source: null, target: null, note: "not read: the promotion happened without Ferry's call" }, sentAtOf(ctx.detail) ?? new Date());
  }
  const watchUntil = await startPostCutoverWatch(ctx);
  await ctx.event("migration.cutover", `Target promoted; post-cutover watch until ${watchUntil.toISOString()}.`, { observed, cutoverAt: ctx.migration.cutoverAt?.toISOString() });
  return { status: "done", detail: { observed, promotedAt: new Date().toISOString(), watchUntil: watchUntil.toISOString() } };
}
