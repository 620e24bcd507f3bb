import type { CompareKeyspacesResult, KeyStatus } from "../types";
import type { TVerifyPair } from "./plan-verify-pairs";
import type { TShardResult } from "./cluster-verify-types";

const STATUSES: KeyStatus[] = ["OK", "MISSING", "EXTRA", "TYPE", "VALUE", "TTL"];

export function sumTotals(all: Record<KeyStatus, number>[]): Record<KeyStatus, number> {
  const out = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<KeyStatus, number>;
  for (const t of all) for (const s of STATUSES) out[s] += t[s] ?? 0;
  return out;
}

/** One source shard's part of a cluster verification: its pairs' counts added up. */
export function shardResult(source: string, slots: string, results: { pair: TVerifyPair; result: CompareKeyspacesResult }[]): TShardResult {
  return {
    source,
    slots,
    targets: [...new Set(results.map((x) => x.pair.target.label))],
    keysCompared: results.reduce((k, x) => k + x.result.keysCompared, 0),
    extraKeysScanned: results.reduce((k, x) => k + x.result.extraKeysScanned, 0),
    mismatchCount: results.reduce((k, x) => k + x.result.mismatchCount, 0),
    totals: sumTotals(results.map((x) => x.result.totals)),
    scanMs: results.reduce((k, x) => k + x.result.scanMs, 0),
  };
}
