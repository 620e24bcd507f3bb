import "server-only";
import { db } from "../db";
import { dialect, rawSql } from "../db-dialect";
import { samplerExec } from "./direct-sqlite";
import { SQL_EPOCH_MS, sqlTime } from "./sql-time";

/** Columns of a bucket summary, named as in SampleRollup. */
export const BUCKET_COLUMNS = [
  "n", "srcN", "tgtN", "srcOffsetMin", "srcOffsetMax", "tgtOffsetMin", "tgtOffsetMax", "lagMin", "lagMax", "linkUpMin",
  "syncPctMax", "srcKeysMin", "srcKeysMax", "tgtKeysMin", "tgtKeysMax", "srcMemoryMin", "srcMemoryMax",
  "tgtMemoryMin", "tgtMemoryMax", "srcOpsMax", "tgtOpsMax",
] as const;

export type TBucket = { start: number } & Record<(typeof BUCKET_COLUMNS)[number], number | null>;

const d = dialect();
const AGGREGATES = `COUNT(*) AS n, SUM(${d.int("srcUp")}) AS srcN, SUM(${d.int("tgtUp")}) AS tgtN,
  MIN(srcOffset) AS srcOffsetMin, MAX(srcOffset) AS srcOffsetMax, MIN(tgtOffset) AS tgtOffsetMin, MAX(tgtOffset) AS tgtOffsetMax,
  MIN(lagBytes) AS lagMin, MAX(lagBytes) AS lagMax, MIN(${d.int("linkUp")}) AS linkUpMin,
  MAX(CASE WHEN ${d.int("syncInProgress")} = 1 AND syncTotalBytes > 0 THEN ${d.least("100.0", "syncReadBytes * 100.0 / syncTotalBytes")} END) AS syncPctMax,
  MIN(srcKeys) AS srcKeysMin, MAX(srcKeys) AS srcKeysMax, MIN(tgtKeys) AS tgtKeysMin, MAX(tgtKeys) AS tgtKeysMax,
  MIN(srcMemory) AS srcMemoryMin, MAX(srcMemory) AS srcMemoryMax, MIN(tgtMemory) AS tgtMemoryMin, MAX(tgtMemory) AS tgtMemoryMax,
  MAX(srcOps) AS srcOpsMax, MAX(tgtOps) AS tgtOpsMax`;

/**
 * Summarises raw samples of one migration in [fromMs, toMs) into buckets of widthMs starting at
 * fromMs. Used on the fly for short ranges, where reading the rollups would be too coarse.
 */
export async function aggregateSamples(opts: { migrationId: string; fromMs: number; toMs: number; widthMs: number }): Promise<TBucket[]> {
  return readBuckets(
    `SELECT ? + ${d.floorDiv(`${SQL_EPOCH_MS} - ?`, "?")} * ? AS start, ${AGGREGATES}
     FROM SampleAll WHERE migrationId = ? AND at >= ? AND at < ? GROUP BY start ORDER BY start`,
    [opts.fromMs, opts.fromMs, opts.widthMs, opts.widthMs, opts.migrationId, sqlTime(opts.fromMs), sqlTime(opts.toMs)],
  );
}

/**
 * Reads the stored minute summaries of one migration in [fromMs, toMs), folded in SQL into
 * buckets of widthMs (a multiple of a minute) aligned on fromMs: a 24 h chart gets its ~600
 * buckets, not 1,440 minutes to fold in JavaScript.
 */
export async function readRollups(opts: { migrationId: string; fromMs: number; toMs: number; widthMs?: number }): Promise<TBucket[]> {
  const widthMs = opts.widthMs ?? 60_000;
  const fold = BUCKET_COLUMNS.map((c) => `${c === "n" || c === "srcN" || c === "tgtN" ? "SUM" : c.endsWith("Min") ? "MIN" : "MAX"}(${c}) AS ${c}`).join(", ");
  return readBuckets(
    `SELECT ? + ${d.floorDiv(`${SQL_EPOCH_MS} - ?`, "?")} * ? AS start, ${fold}
     FROM SampleRollup WHERE migrationId = ? AND at >= ? AND at < ? GROUP BY start ORDER BY start`,
    [opts.fromMs, opts.fromMs, widthMs, widthMs, opts.migrationId, sqlTime(opts.fromMs), sqlTime(opts.toMs)],
  );
}

/**
 * [start, ...BUCKET_COLUMNS] as a bucket. Written out as one literal so every bucket shares one
 * object shape: buckets filled key by key in a loop become dictionaries, and reading 1,440 of
 * them key by key (downsample.ts) cost more than the query that produced them.
 */
export function bucketFromArray(a: (number | null)[]): TBucket {
  return {
    start: a[0] ?? 0, n: a[1], srcN: a[2], tgtN: a[3], srcOffsetMin: a[4], srcOffsetMax: a[5], tgtOffsetMin: a[6], tgtOffsetMax: a[7],
    lagMin: a[8], lagMax: a[9], linkUpMin: a[10], syncPctMax: a[11], srcKeysMin: a[12], srcKeysMax: a[13], tgtKeysMin: a[14],
    tgtKeysMax: a[15], srcMemoryMin: a[16], srcMemoryMax: a[17], tgtMemoryMin: a[18], tgtMemoryMax: a[19], srcOpsMax: a[20], tgtOpsMax: a[21],
  };
}

/**
 * Runs a bucket query and returns its rows packed by SQLite into one JSON array: one value
 * crosses the driver instead of ~30,000 (1,440 minutes x 22 columns), which the driver would
 * otherwise map one by one; JSON.parse of the whole array is a single native call.
 */
async function readBuckets(sql: string, params: unknown[]): Promise<TBucket[]> {
  const [row] = await db.$queryRawUnsafe<{ j: string | null }[]>(
    rawSql(`SELECT ${d.jsonRows(["start", ...BUCKET_COLUMNS])} AS j FROM (${sql}) AS b`),
    ...params,
  );
  const arrays = JSON.parse(row?.j ?? "[]") as (number | null)[][];
  const buckets = arrays.map(bucketFromArray);
  // SQLite aggregates an ordered subquery in order; sorting sorted input is a cheap guarantee.
  return buckets.sort((x, y) => x.start - y.start);
}

/**
 * (Re)writes the minute summaries of [fromMs, beforeMs) for one migration, the given ones (a
 * sampler: those it holds the lease of) or all of them. An upsert, so a minute summarised early
 * is corrected when it is summarised again. `direct`: on the sampler's own connection
 * (direct-sqlite.ts), so a steady sampler runs no Prisma query at all.
 */
export async function rollupSamples(opts: { fromMs: number; beforeMs: number; migrationId?: string; migrationIds?: string[]; direct?: boolean }): Promise<number> {
  const from = Math.floor(opts.fromMs / 60_000) * 60_000;
  const before = Math.floor(opts.beforeMs / 60_000) * 60_000;
  const ids = opts.migrationIds ?? (opts.migrationId ? [opts.migrationId] : null);
  if (before <= from || ids?.length === 0) return 0;
  const cols = BUCKET_COLUMNS.join(", ");
  const updates = BUCKET_COLUMNS.map((c) => `${c} = excluded.${c}`).join(", ");
  // `WHERE true` keeps SQLite from reading ON CONFLICT as a join constraint of the SELECT.
  const sql = `INSERT INTO SampleRollup (migrationId, at, ${cols})
     SELECT migrationId, ${d.minuteAt("b")}, ${cols} FROM (
       SELECT migrationId, ${d.floorDiv(SQL_EPOCH_MS, "60000")} AS b, ${AGGREGATES}
       FROM SampleAll WHERE at >= ? AND at < ? ${ids ? `AND migrationId IN (${ids.map(() => "?").join(", ")})` : ""} GROUP BY migrationId, b
     ) AS m WHERE true
     ON CONFLICT (migrationId, at) DO UPDATE SET ${updates}`;
  const params = [sqlTime(from), sqlTime(before), ...(ids ?? [])];
  return opts.direct ? samplerExec(sql, ...params) : db.$executeRawUnsafe(rawSql(sql), ...params);
}

/**
 * Brings one migration's summaries up to the last complete minute before `beforeMs`, starting
 * after its latest summary (or from its first sample). Normally the sampler already did it and
 * this costs one indexed lookup; after a gap in the sampler's rollups it catches up once.
 */
export async function ensureRollups(opts: { migrationId: string; beforeMs: number }): Promise<void> {
  const [last] = await db.$queryRawUnsafe<{ at: string | null }[]>(rawSql(`SELECT MAX(at) AS at FROM SampleRollup WHERE migrationId = ?`), opts.migrationId);
  let fromMs: number;
  // From the minute after the latest summary: a read that finds the summaries up to date writes
  // nothing (the sampler summarises each minute once it is over).
  if (last?.at) fromMs = new Date(last.at).getTime() + 60_000;
  else {
    // ORDER BY ... LIMIT 1, not MIN(at): through the view, MIN would read every row of the migration.
    const [first] = await db.$queryRawUnsafe<{ at: string | null }[]>(rawSql(`SELECT at FROM SampleAll WHERE migrationId = ? ORDER BY at ASC LIMIT 1`), opts.migrationId);
    if (!first?.at) return;
    fromMs = new Date(first.at).getTime();
  }
  await rollupSamples({ fromMs, beforeMs: opts.beforeMs, migrationId: opts.migrationId });
}
