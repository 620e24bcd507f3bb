import "server-only";
import { db } from "../db";
import { rawSql } from "../db-dialect";
import { sqlTime } from "./sql-time";

/**
 * Retention: raw 1 Hz samples for `sampleDays`, minute rollups and CloudWatch points for
 * `rollupDays` (charts of older migrations still draw, at minute resolution).
 */
export async function pruneSamples(opts: { nowMs?: number; sampleDays?: number; rollupDays?: number } = {}): Promise<{ samples: number; rollups: number; points: number }> {
  const now = opts.nowMs ?? Date.now();
  const day = 86_400_000;
  const sampleCut = sqlTime(now - (opts.sampleDays ?? 7) * day);
  const rollupCut = sqlTime(now - (opts.rollupDays ?? 90) * day);
  // SampleHot holds old rows only when no sampler ran to settle them: pruned alike.
  const samples = (await db.$executeRawUnsafe(rawSql(`DELETE FROM Sample WHERE at < ?`), sampleCut)) + (await db.$executeRawUnsafe(rawSql(`DELETE FROM SampleHot WHERE at < ?`), sampleCut));
  const rollups = await db.$executeRawUnsafe(rawSql(`DELETE FROM SampleRollup WHERE at < ?`), rollupCut);
  const points = await db.$executeRawUnsafe(rawSql(`DELETE FROM MetricPoint WHERE at < ?`), rollupCut);
  return { samples, rollups, points };
}
