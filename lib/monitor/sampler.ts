import "server-only";
import { db } from "../db";
import { MigrationMonitor } from "./migration-monitor";
import { pruneSamples } from "./prune-samples";
import { rollupSamples } from "./rollup";
import { logError } from "../log-error";

/** States in which a migration is sampled at full rate. */
export const SAMPLED_STATES = ["running", "in-sync", "cutting-over", "aborting"];

/** The longest an INFO may take before its end counts as "not read" for a tick (default 1 Hz sampling). */
export const MAX_READ_TIMEOUT_MS = 800;

export type TSamplerOptions = {
  intervalMs?: number;
  /** Post-cutover watch (completed, watchUntil in the future): target offsets and persistence. */
  watchIntervalMs?: number;
  /** An end whose INFO takes longer than this gives a gap for that tick. */
  readTimeoutMs?: number;
  /** How often persistence status (rdb/aof) is stored with a sample. */
  persistenceEveryMs?: number;
  /** How often the list of migrations to sample is re-read. */
  refreshMs?: number;
  /** CloudWatch period; AWS publishes one datapoint per node per 60 s. */
  cloudwatchPeriodSeconds?: number;
  sampleRetentionDays?: number;
  /** Called after each tick with what it stored (tests and the bench). */
  onTick?: (info: { stored: number; tookMs: number }) => void;
};

export type TSampler = { stop(): Promise<void> };

/**
 * Samples every active migration (and completed ones under post-cutover watch) on one timer.
 * Each tick reads all due migrations in parallel, each read bounded by its own timeout, and
 * stores the tick's samples with one createMany. Ticks never overlap: a slow database delays
 * the next tick instead of stacking them.
 */
export function startSampler(opts: TSamplerOptions = {}): TSampler {
  const intervalMs = opts.intervalMs ?? 1_000;
  const watchIntervalMs = opts.watchIntervalMs ?? 30_000;
  const timings = { readTimeoutMs: opts.readTimeoutMs ?? Math.min(MAX_READ_TIMEOUT_MS, Math.floor(intervalMs * 0.8)), persistenceEveryMs: opts.persistenceEveryMs ?? 30_000 };
  const refreshMs = opts.refreshMs ?? 5_000;
  const cwPeriod = opts.cloudwatchPeriodSeconds ?? 60;
  const monitors = new Map<string, MigrationMonitor>();
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  let lastRefresh = 0;
  let lastRollup = Date.now();
  let lastPrune = 0;

  async function refresh(now: number) {
    const rows = await db.migration.findMany({
      where: { OR: [{ state: { in: SAMPLED_STATES } }, { state: "completed", watchUntil: { gt: new Date(now) } }] },
      select: { id: true, state: true, strategy: true, source: true, target: true },
    });
    const seen = new Set<string>();
    for (const r of rows) {
      seen.add(r.id);
      let m = monitors.get(r.id);
      if (!m) monitors.set(r.id, (m = new MigrationMonitor(r.id, { source: r.source, target: r.target }, timings)));
      m.watch = r.state === "completed";
      m.replicate = r.strategy === "replicate";
    }
    for (const [id, m] of monitors) {
      if (seen.has(id)) continue;
      monitors.delete(id);
      void m.close();
    }
  }

  async function tick() {
    const now = Date.now();
    const started = performance.now();
    if (now - lastRefresh >= refreshMs) {
      lastRefresh = now;
      await refresh(now);
    }
    const due = [...monitors.values()].filter((m) => now >= m.nextSampleAt);
    // Half an interval of slack so timer jitter never skips a whole period.
    for (const m of due) m.nextSampleAt = now + (m.watch ? watchIntervalMs : intervalMs) - intervalMs / 2;
    const at = new Date(now);
    const rows = (await Promise.all(due.map((m) => m.sample(at)))).filter((r) => r !== null);
    if (rows.length) await db.sample.createMany({ data: rows });
    for (const m of monitors.values()) m.pullCloudWatchIfDue(now, cwPeriod);
    if (now - lastRollup >= 60_000) {
      // The last 5 minutes again: an upsert, so a minute summarised before its last samples
      // landed is corrected; 3 s of margin for the tick that stores the minute's final sample.
      lastRollup = now;
      await rollupSamples({ fromMs: now - 5 * 60_000, beforeMs: now - 3_000 });
    }
    if (now - lastPrune >= 3_600_000) {
      lastPrune = now;
      await pruneSamples({ nowMs: now, sampleDays: opts.sampleRetentionDays });
    }
    opts.onTick?.({ stored: rows.length, tookMs: performance.now() - started });
  }

  function schedule() {
    if (stopped) return;
    const wait = intervalMs - (Date.now() % intervalMs);
    timer = setTimeout(() => {
      running = tick()
        .catch((err) => logError("[ferry] monitor tick failed:", err))
        .finally(schedule);
    }, wait);
  }
  schedule();

  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
      await Promise.all([...monitors.values()].map((m) => m.close()));
      monitors.clear();
    },
  };
}
