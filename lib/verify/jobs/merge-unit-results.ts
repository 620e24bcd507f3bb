import type { VerifyProgress } from "../engine/types";
import type { TStoredVerificationResult } from "./verification-result";

/**
 * The run's result as the sum of its units: keys, differences and times add up; counts per db come
 * from the unit of that db that finished last (each unit reads INFO keyspace of the whole db).
 * Durations add up too, so keys/s stays "keys per second of scanning", not of wall time.
 */
export function mergeUnitResults(units: TStoredVerificationResult[]): TStoredVerificationResult {
  const [first] = units;
  const sum = (f: (r: TStoredVerificationResult) => number) => units.reduce((n, r) => n + f(r), 0);
  const totals = { ...first.totals };
  for (const r of units.slice(1)) for (const [k, v] of Object.entries(r.totals)) totals[k as keyof typeof totals] += v;
  const counts = new Map(units.flatMap((r) => r.counts).map((c) => [c.db, c]));
  const scanMs = sum((r) => r.scanMs);
  const keysCompared = sum((r) => r.keysCompared);
  return {
    ...first,
    dbs: [...new Set(units.flatMap((r) => r.dbs))].sort((a, b) => a - b),
    counts: [...counts.values()].sort((a, b) => a.db - b.db),
    totals,
    mismatchCount: sum((r) => r.mismatchCount),
    truncated: units.some((r) => r.truncated),
    keysCompared,
    extraKeysScanned: sum((r) => r.extraKeysScanned),
    durationMs: Math.max(...units.map((r) => r.durationMs)),
    scanMs,
    keysPerSec: scanMs > 0 ? Math.round((keysCompared / scanMs) * 1000) : 0,
    roundsRun: Math.max(...units.map((r) => r.roundsRun)),
    notRechecked: sum((r) => r.notRechecked),
    resumed: units.some((r) => r.resumed),
    peakBytesInFlight: Math.max(...units.map((r) => r.peakBytesInFlight)),
    scriptRead: units.every((r) => r.scriptRead),
    sourceNoTouch: units.every((r) => r.sourceNoTouch),
    notes: [...new Set(units.flatMap((r) => r.notes))],
  };
}

/**
 * One progress for the whole run. Every unit of a db still at work reports that db's INFO key count
 * as its total (a finished one its own keys), so a db counts once: the larger of that count and
 * what its units have done.
 */
export function mergeUnitProgress(progress: VerifyProgress[]): VerifyProgress | null {
  if (progress.length === 0) return null;
  // A run of one unit (every cluster run) keeps its progress whole, per-shard detail included.
  if (progress.length === 1) return progress[0];
  const perDb = new Map<number, { total: number; done: number }>();
  for (const p of progress) {
    const d = perDb.get(p.db) ?? { total: 0, done: 0 };
    perDb.set(p.db, { total: Math.max(d.total, p.phase === "done" ? 0 : p.keysTotal), done: d.done + p.keysDone });
  }
  const keysDone = progress.reduce((n, p) => n + p.keysDone, 0);
  const keysPerSec = progress.reduce((n, p) => n + (p.phase === "done" ? 0 : p.keysPerSec), 0);
  const keysTotal = [...perDb.values()].reduce((n, d) => n + Math.max(d.total, d.done), 0);
  const order = ["counts", "scan", "reverse", "recheck", "done"] as const;
  const phase = order[Math.min(...progress.map((p) => order.indexOf(p.phase)))];
  const behind = progress.find((p) => p.phase === phase)!;
  return {
    phase,
    round: Math.min(...progress.map((p) => p.round)),
    db: behind.db,
    keysDone,
    keysTotal,
    keysPerSec,
    etaSec: keysPerSec > 0 ? Math.round((keysTotal - keysDone) / keysPerSec) : null,
    mismatchesSoFar: progress.reduce((n, p) => n + p.mismatchesSoFar, 0),
  };
}

/** mergeUnitProgress over the units' stored JSON (a unit that ended before any report stores "null"). */
export function mergeStoredProgress(units: { progress: string | null }[]): VerifyProgress | null {
  return mergeUnitProgress(units.flatMap((u) => (u.progress ? [JSON.parse(u.progress) as VerifyProgress | null] : [])).filter((p): p is VerifyProgress => p !== null));
}
