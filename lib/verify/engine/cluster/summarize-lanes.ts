import { formatRanges, mergeRanges } from "@/lib/redis/cluster/slot-coverage";
import type { DbCounts, KeyMismatch } from "../types";
import type { CompareClusterKeyspacesOptions, CompareClusterKeyspacesResult } from "./cluster-verify-types";
import { shardResult, sumTotals } from "./shard-result";
import type { TLane } from "./verify-lanes";

export const SKIPPED_SLOTS_NOTE = (slots: string) =>
  `Source slots ${slots} were being resharded (migrating/importing) and were not compared: their keys move between two nodes while both are scanned, so a key could be missed or counted twice. Verify again once the resharding has finished.`;
export const TARGET_MOVED_NOTE =
  "Target slots changed owner or were resharded during the run: every source key was looked up where the target served it (MOVED/ASK followed), but a key only in the target that moved between nodes while the target was scanned may not be reported as EXTRA.";

type TSummaryInput = {
  lanes: TLane[];
  retained: KeyMismatch[];
  skippedSlots: string;
  targetMoved: boolean;
  counts: DbCounts[];
  layout: CompareClusterKeyspacesResult["layout"];
  durationMs: number;
  resumed: boolean;
};

/** The run's result: the lanes' finished pairs added up, per shard and in all. */
export function summarizeLanes(opts: CompareClusterKeyspacesOptions, r: TSummaryInput): CompareClusterKeyspacesResult {
  const done = r.lanes.flatMap((l) => l.done.map((d) => d.result));
  const shards = r.lanes.map((l) => shardResult(l.source, formatRanges(mergeRanges(l.slots)), l.done, l));
  const keysCompared = shards.reduce((k, s) => k + s.keysCompared, 0);
  // Source primaries are scanned in parallel: the slowest one's scan time is the run's.
  const scanMs = Math.max(0, ...shards.map((s) => s.scanMs));
  const max = opts.maxMismatches ?? 1000;
  const mismatchCount = done.reduce((k, x) => k + x.mismatchCount, 0);
  const notes = [...new Set(done.flatMap((x) => x.notes))];
  if (r.skippedSlots) notes.push(SKIPPED_SLOTS_NOTE(r.skippedSlots));
  if (r.targetMoved && opts.reverse) notes.push(TARGET_MOVED_NOTE);
  return {
    mode: opts.mode ?? "full",
    dbs: [...new Set(done.flatMap((x) => x.dbs))].sort((a, b) => a - b),
    counts: r.counts,
    totals: sumTotals(done.map((x) => x.totals)),
    mismatches: r.retained.slice(0, max),
    mismatchCount,
    truncated: mismatchCount > max,
    keysCompared,
    extraKeysScanned: shards.reduce((k, s) => k + s.extraKeysScanned, 0),
    durationMs: r.durationMs,
    scanMs,
    keysPerSec: scanMs > 0 ? Math.round((keysCompared / scanMs) * 1000) : 0,
    roundsRun: Math.max(1, ...done.map((x) => x.roundsRun)),
    notRechecked: done.reduce((k, x) => k + x.notRechecked, 0),
    notes,
    resumed: r.resumed,
    peakBytesInFlight: Math.max(0, ...done.map((x) => x.peakBytesInFlight)),
    scriptRead: done.length > 0 && done.every((x) => x.scriptRead),
    sourceNoTouch: done.every((x) => x.sourceNoTouch),
    layout: r.layout,
    shards,
    skippedSlots: r.skippedSlots,
    pairsRedone: r.lanes.reduce((k, l) => k + l.pairsRedone, 0),
  };
}
