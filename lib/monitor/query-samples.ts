import "server-only";
import { db } from "../db";
import { rawSql } from "../db-dialect";
import { bucketsToColumns, emptyColumns, mergeBuckets, SERIES_NAMES, type TSampleColumns, type TSeriesName } from "./downsample";
import { aggregateSamples, ensureRollups, readRollups, type TBucket } from "./rollup";
import type { TRawFlag } from "./sample-reads";
import { sqlTime } from "./sql-time";

export const RANGES = ["live", "1h", "24h", "all"] as const;
export type TRange = (typeof RANGES)[number];

const RANGE_MS: Record<Exclude<TRange, "all">, number> = { live: 15 * 60_000, "1h": 3_600_000, "24h": 86_400_000 };
/** Up to this span, buckets are computed from raw samples; beyond it, from minute rollups. */
const RAW_AGGREGATE_MAX_MS = 6 * 3_600_000;

export type TSampleSeries = {
  fromMs: number;
  toMs: number;
  /** 0 when every sample is returned as is; else the width of one downsampled bucket. */
  bucketMs: number;
  /** Samples stored in the range (before downsampling). */
  stored: number;
  columns: TSampleColumns;
};

/**
 * The chart data of one migration over a range, never more than maxPoints points per series:
 * raw samples when few enough, else min/max buckets (two points each) sized to the cap.
 */
export async function querySamples(opts: { migrationId: string; range: TRange; nowMs?: number; maxPoints?: number }): Promise<TSampleSeries> {
  const toMs = opts.nowMs ?? Date.now();
  const maxPoints = opts.maxPoints ?? 2_000;
  const fromMs = opts.range === "all" ? await firstSampleMs(opts.migrationId, toMs) : toMs - RANGE_MS[opts.range];
  const span = toMs - fromMs;
  // 2.5 points per bucket at worst (min, max, and a gap marker every other bucket).
  const maxBuckets = Math.floor(maxPoints / 2.5);
  let buckets: TBucket[];
  let widthMs: number;
  if (span <= RAW_AGGREGATE_MAX_MS) {
    // Counting is cheap up to 6 h (21,600 index entries); beyond, the minute rollups say it.
    const [{ n }] = await db.$queryRawUnsafe<{ n: number | bigint }[]>(
      rawSql(`SELECT COUNT(*) AS n FROM SampleAll WHERE migrationId = ? AND at >= ? AND at <= ?`), opts.migrationId, sqlTime(fromMs), sqlTime(toMs),
    );
    // Raw when gap markers (at most one per two samples) still fit under the cap.
    if (Number(n) * 1.5 <= maxPoints) return { fromMs, toMs, bucketMs: 0, stored: Number(n), columns: await rawColumns(opts.migrationId, fromMs, toMs) };
    widthMs = Math.max(1_000, Math.ceil(span / maxBuckets / 1_000) * 1_000);
    buckets = await aggregateSamples({ migrationId: opts.migrationId, fromMs, toMs: toMs + 1, widthMs });
  } else {
    widthMs = Math.ceil(span / maxBuckets / 60_000) * 60_000;
    const lastComplete = Math.floor(toMs / 60_000) * 60_000;
    await ensureRollups({ migrationId: opts.migrationId, beforeMs: lastComplete });
    const minuteFrom = Math.floor(fromMs / 60_000) * 60_000;
    const [rolled, tail] = await Promise.all([
      readRollups({ migrationId: opts.migrationId, fromMs: minuteFrom, toMs: lastComplete, widthMs }),
      aggregateSamples({ migrationId: opts.migrationId, fromMs: lastComplete, toMs: toMs + 1, widthMs: 60_000 }),
    ]);
    // Minutes that started before fromMs count whole: the range is shown from its first minute.
    buckets = mergeBuckets([...rolled, ...tail], minuteFrom, widthMs);
  }
  const stored = buckets.reduce((n, b) => n + (b.n ?? 0), 0);
  const last = await latestColumnsRow(opts.migrationId, fromMs, toMs);
  return { fromMs, toMs, bucketMs: widthMs, stored, columns: bucketsToColumns(buckets, widthMs, last) };
}

async function firstSampleMs(migrationId: string, fallback: number): Promise<number> {
  // ORDER BY ... LIMIT 1, not MIN(at): through the view, MIN would read every row of the migration.
  const [row] = await db.$queryRawUnsafe<{ at: string | null }[]>(rawSql(`SELECT at FROM SampleAll WHERE migrationId = ? ORDER BY at ASC LIMIT 1`), migrationId);
  return row?.at ? new Date(row.at).getTime() : fallback - RANGE_MS.live;
}

/** The range's last sample as one chart row, so a downsampled chart ends on the value the ends last reported. */
async function latestColumnsRow(migrationId: string, fromMs: number, toMs: number) {
  const rows = await readSampleRows(migrationId, fromMs, toMs, "DESC LIMIT 1");
  if (!rows.length) return undefined;
  const cols = toColumns(rows);
  return { tMs: cols.t[0] * 1000, values: Object.fromEntries(SERIES_NAMES.map((s) => [s, cols[s][0]])) as Record<TSeriesName, number | null> };
}

async function rawColumns(migrationId: string, fromMs: number, toMs: number): Promise<TSampleColumns> {
  return toColumns(await readSampleRows(migrationId, fromMs, toMs, "ASC"));
}

const SAMPLE_COLUMNS = "at, srcOffset, tgtOffset, lagBytes, linkUp, syncInProgress, syncReadBytes, syncTotalBytes, srcKeys, tgtKeys, srcMemory, tgtMemory, srcOps, tgtOps, srcUp, tgtUp";
type TSampleRow = {
  at: Date | string;
  srcOffset: number | null; tgtOffset: number | null; lagBytes: number | null; linkUp: TRawFlag; syncInProgress: TRawFlag; syncReadBytes: number | null; syncTotalBytes: number | null;
  srcKeys: number | null; tgtKeys: number | null; srcMemory: number | null; tgtMemory: number | null; srcOps: number | null; tgtOps: number | null; srcUp: TRawFlag; tgtUp: TRawFlag;
};

/**
 * Raw SQL, not a Prisma model query: the model path compiles each query in Prisma's query
 * compiler and maps every row (the latest sample measured 1.3-2.2 ms of CPU that way, 0.5-0.6 ms raw).
 */
function readSampleRows(migrationId: string, fromMs: number, toMs: number, order: "ASC" | "DESC LIMIT 1"): Promise<TSampleRow[]> {
  return db.$queryRawUnsafe<TSampleRow[]>(
    rawSql(`SELECT ${SAMPLE_COLUMNS} FROM SampleAll WHERE migrationId = ? AND at >= ? AND at <= ? ORDER BY at ${order}`), migrationId, sqlTime(fromMs), sqlTime(toMs),
  );
}

function toColumns(rows: TSampleRow[]): TSampleColumns {
  const cols = emptyColumns();
  const bool = (b: TRawFlag) => (b === null ? null : b ? 1 : 0);
  let prev: number | null = null;
  let prevStep = Infinity;
  for (const r of rows) {
    const t = new Date(r.at).getTime();
    // A missing stretch (sampler stopped) gets a null row so the line breaks instead of bridging;
    // "missing" is relative to the recent step, so the 30 s post-cutover cadence is not a gap.
    if (prev !== null && t - prev > 5_000 && t - prev > 3 * prevStep) {
      cols.t.push((prev + 1_000) / 1000);
      for (const s of SERIES_NAMES) cols[s].push(null);
    }
    if (prev !== null) prevStep = t - prev;
    prev = t;
    cols.t.push(t / 1000);
    cols.srcOffset.push(r.srcOffset);
    cols.tgtOffset.push(r.tgtOffset);
    cols.lagBytes.push(r.lagBytes);
    cols.linkUp.push(bool(r.linkUp));
    cols.syncPct.push(r.syncInProgress && r.syncTotalBytes ? Math.min(100, ((r.syncReadBytes ?? 0) * 100) / r.syncTotalBytes) : null);
    cols.srcKeys.push(r.srcKeys);
    cols.tgtKeys.push(r.tgtKeys);
    cols.srcMemory.push(r.srcMemory);
    cols.tgtMemory.push(r.tgtMemory);
    cols.srcOps.push(r.srcOps);
    cols.tgtOps.push(r.tgtOps);
    cols.srcUp.push(r.srcUp ? 1 : 0);
    cols.tgtUp.push(r.tgtUp ? 1 : 0);
  }
  return cols;
}
