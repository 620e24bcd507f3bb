import type { KeyStatus } from "../types";
import type { TDonePair } from "./cluster-checkpoint";
import type { TShardResult } from "./cluster-verify-types";

const STATUSES: KeyStatus[] = ["OK", "MISSING", "EXTRA", "TYPE", "VALUE", "TTL"];

export function sumTotals(all: Record<KeyStatus, number>[]): Record<KeyStatus, number> {
  const out = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<KeyStatus, number>;
  for (const t of all) for (const s of STATUSES) out[s] += t[s] ?? 0;
  return out;
}

/** One source shard's part of a cluster verification: its finished pairs' counts added up. */
export function shardResult(source: string, slots: string, done: TDonePair[], lane: { pairsRedone: number; events: string[] }): TShardResult {
  const sum = (f: (p: TDonePair) => number) => done.reduce((k, p) => k + f(p), 0);
  return {
    source,
    slots,
    targets: [...new Set(done.map((p) => p.target))],
    keysCompared: sum((p) => p.result.keysCompared),
    extraKeysScanned: sum((p) => p.result.extraKeysScanned),
    mismatchCount: sum((p) => p.result.mismatchCount),
    totals: sumTotals(done.map((p) => p.result.totals)),
    scanMs: sum((p) => p.result.scanMs),
    pairsRedone: lane.pairsRedone,
    redirects: { moved: sum((p) => p.result.redirects.moved), ask: sum((p) => p.result.redirects.ask) },
    events: lane.events,
  };
}
