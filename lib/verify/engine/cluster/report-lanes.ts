import type { CompareClusterKeyspacesOptions, TShardProgress } from "./cluster-verify-types";
import type { TLane } from "./verify-lanes";

/** The progress callback of a cluster run: each shard's figures and their sum, from the lanes' live state. */
export function reportLanes(opts: CompareClusterKeyspacesOptions, lanes: TLane[], startedAt: number): () => void {
  return () => {
    const shards: TShardProgress[] = lanes.map((l) => ({
      source: l.source, phase: l.phase, keysDone: l.keysDone, keysTotal: l.keysTotal, mismatchesSoFar: l.mismatchesSoFar,
      pairsDone: l.pairsDone, pairsTotal: l.pairsTotal, pairsRedone: l.pairsRedone, events: [...l.events],
    }));
    opts.onShardProgress?.(shards);
    if (!opts.onProgress) return;
    const keysDone = shards.reduce((k, p) => k + p.keysDone, 0);
    const keysTotal = shards.reduce((k, p) => k + p.keysTotal, 0);
    const keysPerSec = Math.round((keysDone / Math.max(1, Date.now() - startedAt)) * 1000);
    const phase = shards.every((p) => p.phase === "done") ? "done" : "scan";
    opts.onProgress({
      phase, round: 1, db: 0, keysDone, keysTotal, keysPerSec,
      etaSec: keysPerSec > 0 ? Math.max(0, Math.round((keysTotal - keysDone) / keysPerSec)) : null,
      mismatchesSoFar: shards.reduce((k, p) => k + p.mismatchesSoFar, 0),
      shards,
    });
  };
}
