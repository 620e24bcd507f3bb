import "server-only";
import { db } from "../db";
import { randomUUID } from "node:crypto";
import { insertSamples } from "./insert-samples";
import { MigrationMonitor } from "./migration-monitor";
import { pruneSamples } from "./prune-samples";
import { rollupSamples } from "./rollup";
import { settleSamples } from "./settle-samples";
import { logError } from "../log-error";
import { claimSamplerLeases, releaseSamplerLeases } from "./sampler-leases";
import { SamplerWatches } from "./sampler-watches";
import { samplerQuery } from "./direct-sqlite";
import { sqlTime } from "./sql-time";
import type { TGateMetaRow } from "./gate-watch";

/** States in which a migration is sampled at full rate. */
export const SAMPLED_STATES = ["running", "in-sync", "cutting-over", "aborting"];

/** What the refresh reads every few seconds: active migrations and those under post-cutover watch. */
const SAMPLED_MIGRATIONS_SQL = `SELECT id, state, strategy, options FROM Migration
  WHERE state IN (${SAMPLED_STATES.map(() => "?").join(", ")}) OR (state = 'completed' AND watchUntil > ?)`;

/** The longest an INFO may take before its end counts as "not read" for a tick (default 1 Hz sampling). */
export const MAX_READ_TIMEOUT_MS = 800;

export type TSamplerOptions = {
  intervalMs?: number;
  /** Post-cutover watch (completed, watchUntil in the future): target offsets and persistence. */
  watchIntervalMs?: number;
  /** An end whose INFO takes longer than this gives a gap for that tick (default readTimeoutFor). */
  readTimeoutMs?: number;
  /** How often memory and ops (INFO memory, stats) are read; every tick reads replication and keyspace. */
  slowEveryMs?: number;
  /** How often persistence status (rdb/aof) is stored with a sample. */
  persistenceEveryMs?: number;
  /** How often the list of migrations to sample is re-read and the leases renewed (they last 3x this). */
  refreshMs?: number;
  /** CloudWatch period; AWS publishes one datapoint per node per 60 s. */
  cloudwatchPeriodSeconds?: number;
  sampleRetentionDays?: number;
  /** Called after each tick with what it stored (tests and the bench). */
  onTick?: (info: { stored: number; tookMs: number }) => void;
};

export type TSampler = { stop(): Promise<void>; readonly owner: string };

/**
 * How long a tick waits for an end's INFO before counting it as not read: two intervals, at
 * least 400 ms (a busy CI machine answers a local INFO in well over 160 ms at load 20, which
 * 0.8 x a 200 ms test interval gave), at most 800 ms so a 1 Hz tick still ends within its second.
 */
export function readTimeoutFor(intervalMs: number): number {
  return Math.min(800, Math.max(400, 2 * intervalMs));
}

/**
 * Samples every active migration (and completed ones under post-cutover watch) this process
 * holds the lease of, on one timer; several processes split the migrations between them
 * (sampler-leases.ts). Each tick reads all due migrations in parallel, each read bounded by its
 * own timeout, and stores the tick's samples in one statement, stamped with the tick's slot
 * (a multiple of intervalMs) so the (at, migrationId) key rejects a second sampler's copy.
 * Ticks never overlap: a slow database delays the next tick instead of stacking them.
 */
export function startSampler(opts: TSamplerOptions = {}): TSampler {
  const intervalMs = opts.intervalMs ?? 1_000;
  const watchIntervalMs = opts.watchIntervalMs ?? 30_000;
  const timings = {
    readTimeoutMs: opts.readTimeoutMs ?? readTimeoutFor(intervalMs),
    persistenceEveryMs: opts.persistenceEveryMs ?? 30_000,
    slowEveryMs: opts.slowEveryMs ?? 5_000,
  };
  const refreshMs = opts.refreshMs ?? 5_000;
  const owner = `sampler-${process.pid}-${randomUUID().slice(0, 8)}`;
  const cwPeriod = opts.cloudwatchPeriodSeconds ?? 60;
  const monitors = new Map<string, MigrationMonitor>();
  const watches = new SamplerWatches();
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  let lastRefresh = 0;
  let lastRollup = Date.now();
  let rolledBefore: number | null = null;
  const takenSinceRollup = new Set<string>();
  let lastPrune = 0;

  async function refresh(now: number) {
    const rows = await samplerQuery<TGateMetaRow>(SAMPLED_MIGRATIONS_SQL, ...SAMPLED_STATES, sqlTime(now));
    // Leases last three refreshes (at least 3 s), so one slow refresh never hands a migration over.
    const mine = await claimSamplerLeases({ owner, wanted: rows.map((r) => r.id), nowMs: now, ttlMs: Math.max(3_000, 3 * refreshMs) });
    const added = rows.filter((r) => mine.has(r.id) && !monitors.has(r.id)).map((r) => r.id);
    // Endpoint rows only for migrations this process starts sampling, not every refresh.
    const ends = added.length ? await db.migration.findMany({ where: { id: { in: added } }, select: { id: true, source: true, target: true } }) : [];
    for (const e of ends) {
      monitors.set(e.id, new MigrationMonitor(e.id, { source: e.source, target: e.target }, timings));
      takenSinceRollup.add(e.id);
    }
    const seen = new Set<string>();
    for (const r of rows) {
      const m = monitors.get(r.id);
      if (!mine.has(r.id) || !m) continue;
      seen.add(r.id);
      m.watch = r.state === "completed";
      m.replicate = r.strategy === "replicate";
    }
    for (const [id, m] of monitors) {
      if (seen.has(id)) continue;
      monitors.delete(id);
      void m.close();
    }
    watches.held(rows.filter((r) => seen.has(r.id)));
  }

  async function tick(slot: number) {
    const now = slot;
    const started = performance.now();
    if (now - lastRefresh >= refreshMs) {
      lastRefresh = now;
      await refresh(now);
    }
    const due = [...monitors.values()].filter((m) => now >= m.nextSampleAt);
    // Half an interval of slack so timer jitter never skips a whole period.
    for (const m of due) m.nextSampleAt = now + (m.watch ? watchIntervalMs : intervalMs) - intervalMs / 2;
    const at = new Date(now);
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), timings.readTimeoutMs)));
    const rows = (await Promise.all(due.map((m) => m.sample(at, deadline))).finally(() => clearTimeout(timer))).filter((r) => r !== null);
    const stored = await insertSamples(rows);
    watches.afterTick(due, rows);
    for (const m of monitors.values()) m.pullCloudWatchIfDue(now, cwPeriod);
    if (now - lastRollup >= 60_000) {
      // The minutes completed since the previous rollup, each summarised once: ticks run one after
      // another and this one has stored its rows, so every sample this process took before `now`
      // is in. (Summarising each minute again a minute later, for samples landing late, doubled
      // the cost; at most the one sample a sampler handing a migration over may still store is
      // missed.) A migration taken since the previous rollup (all of them after a start) is
      // summarised over its last hour: its former holder may have stopped before summarising its
      // last minutes. Only the migrations this process holds: several samplers split the work.
      lastRollup = now;
      const held = [...monitors.keys()];
      await rollupSamples({ fromMs: rolledBefore ?? now, beforeMs: now, migrationIds: held.filter((id) => !takenSinceRollup.has(id)), direct: true });
      await rollupSamples({ fromMs: now - 3_600_000, beforeMs: now, migrationIds: held.filter((id) => takenSinceRollup.has(id)), direct: true });
      takenSinceRollup.clear();
      rolledBefore = now;
      // Ticks went into SampleHot; what is over a minute old moves to Sample, every migration's
      // (a stopped sampler's too), so SampleHot stays one to two minutes long.
      await settleSamples(now - 60_000);
    }
    if (now - lastPrune >= 3_600_000) {
      lastPrune = now;
      await pruneSamples({ nowMs: now, sampleDays: opts.sampleRetentionDays });
    }
    opts.onTick?.({ stored, tookMs: performance.now() - started });
  }

  function schedule() {
    if (stopped) return;
    const slot = (Math.floor(Date.now() / intervalMs) + 1) * intervalMs;
    timer = setTimeout(() => {
      running = tick(slot)
        .catch((err) => logError("[ferry] monitor tick failed:", err))
        .finally(schedule);
    }, slot - Date.now());
  }
  schedule();

  return {
    owner,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
      await Promise.all([...monitors.values()].map((m) => m.close()));
      monitors.clear();
      await watches.close();
      await releaseSamplerLeases(owner).catch((err) => logError("[ferry] releasing sampler leases failed:", err));
    },
  };
}
