import "server-only";
import { db } from "../db";
import { dialect, rawSql } from "../db-dialect";
import { readSampleRepl } from "../replication-store/replication-json";
import { SQL_EPOCH_MS, sqlTime } from "./sql-time";

/** The key-level replicator's stats over time (replicate strategy): `t` in epoch seconds, every other array aligned with it. */
export type TReplicationSeries = {
  t: number[];
  /** Initial copy, keys copied against the source's keys (0-100); 100 once done. */
  copyPct: (number | null)[];
  pendingKeys: (number | null)[];
  oldestPendingAgeMs: (number | null)[];
  appliedPerSec: (number | null)[];
  sourceWritesPerSec: (number | null)[];
  repairs: (number | null)[];
  reconnects: (number | null)[];
};
type TSeriesKey = Exclude<keyof TReplicationSeries, "t">;
const KEYS: TSeriesKey[] = ["copyPct", "pendingKeys", "oldestPendingAgeMs", "appliedPerSec", "sourceWritesPerSec", "repairs", "reconnects"];

/**
 * The stats each sample stored (Sample.repl) in [fromMs, toMs], at most about maxPoints rows: one
 * per bucket, its latest sample (none if that sample has no stats). The stats are JSON, which the
 * minute rollups do not summarise, so long ranges keep each bucket's last reading (exact for the
 * counters, one reading among others for rates and pending events) rather than parse a day of
 * samples on each poll.
 */
export async function queryReplicationSeries(opts: { migrationId: string; fromMs: number; toMs: number; maxPoints?: number }): Promise<TReplicationSeries> {
  const widthMs = Math.max(1_000, Math.ceil((opts.toMs - opts.fromMs) / (opts.maxPoints ?? 900) / 1_000) * 1_000);
  // Whole numbers computed here, inlined: PostgreSQL cannot type a placeholder inside the arithmetic.
  const bucket = dialect().floorDiv(`${SQL_EPOCH_MS} - ${Math.floor(opts.fromMs)}`, String(widthMs));
  // The buckets' latest times come from the tables' keys alone; only those rows' JSON is read. SQL
  // alone on 86,400 samples (24 h, SQLite): 25 ms, against 165 ms for a window function. Written
  // per table, not through the view SampleAll: a join on the view made SQLite copy all of the
  // migration's samples first (17x slower on 7,200), and grouping the view's rows cost 1.6x.
  // Ordered by b.latest, not s.at: the latter made SQLite walk Sample_at_idx and probe b per row (30 s).
  const latestPer = (table: string) => `SELECT ${bucket} AS k, MAX(at) AS latest FROM ${table} WHERE migrationId = ? AND at >= ? AND at <= ? GROUP BY k`;
  const range = [opts.migrationId, sqlTime(opts.fromMs), sqlTime(opts.toMs)];
  const rows = await db.$queryRawUnsafe<{ at: Date | string; repl: string | null }[]>(
    rawSql(`WITH b AS (SELECT MAX(latest) AS latest FROM (${latestPer("Sample")} UNION ALL ${latestPer("SampleHot")}) AS l GROUP BY k)
      SELECT latest AS at, repl FROM (
        SELECT b.latest, s.repl FROM b JOIN Sample s ON s.migrationId = ? AND s.at = b.latest
        UNION ALL SELECT b.latest, h.repl FROM b JOIN SampleHot h ON h.migrationId = ? AND h.at = b.latest
      ) AS x ORDER BY latest`),
    ...range, ...range, opts.migrationId, opts.migrationId,
  );
  const out: TReplicationSeries = { t: [], copyPct: [], pendingKeys: [], oldestPendingAgeMs: [], appliedPerSec: [], sourceWritesPerSec: [], repairs: [], reconnects: [] };
  let prevMs: number | null = null;
  let prevDirection: string | null = null;
  for (const row of rows) {
    const r = readSampleRepl(row.repl);
    if (!r) continue;
    const atMs = new Date(row.at).getTime();
    // A null row breaks the lines where no stats came for a while (replicator stopped or restarting)
    // and where the way back took over after cutover: its counters start again from 0.
    if (prevMs !== null && (atMs - prevMs > Math.max(5_000, 3 * widthMs) || r.direction !== prevDirection)) {
      out.t.push(Math.min(prevMs + 1_000, (prevMs + atMs) / 2) / 1000);
      for (const k of KEYS) out[k].push(null);
    }
    prevMs = atMs;
    prevDirection = r.direction;
    const c = r.initialCopy;
    out.t.push(atMs / 1000);
    out.copyPct.push(c.done ? 100 : c.sourceKeys > 0 ? Math.min(100, (c.keysCopied * 100) / c.sourceKeys) : 0);
    out.pendingKeys.push(r.live.pendingKeys);
    out.oldestPendingAgeMs.push(r.live.oldestPendingAgeMs);
    out.appliedPerSec.push(r.live.appliedPerSec);
    out.sourceWritesPerSec.push(r.sourceWritesPerSec ?? null);
    out.repairs.push(r.repairs);
    out.reconnects.push(r.reconnects);
  }
  return out;
}
