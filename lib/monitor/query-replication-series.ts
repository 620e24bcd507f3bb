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
  // The buckets' latest times come from the (migrationId, at) index alone; only those rows' JSON is
  // read. SQL alone on 86,400 samples (24 h, SQLite): 25 ms, against 165 ms for a window function.
  // Ordered by b.latest, not s.at: the latter made SQLite walk Sample_at_idx and probe b per row (30 s).
  const rows = await db.$queryRawUnsafe<{ at: Date | string; repl: string | null }[]>(
    rawSql(`SELECT s.at, s.repl FROM (SELECT MAX(at) AS latest FROM Sample WHERE migrationId = ? AND at >= ? AND at <= ? GROUP BY ${bucket}) AS b
      JOIN Sample s ON s.migrationId = ? AND s.at = b.latest ORDER BY b.latest`),
    opts.migrationId, sqlTime(opts.fromMs), sqlTime(opts.toMs), opts.migrationId,
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
