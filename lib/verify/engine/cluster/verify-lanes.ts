import "server-only";
import { AppError } from "@/lib/errors";
import type { TSlotRange } from "@/lib/redis/cluster/cluster-types";
import { formatRanges, mergeRanges } from "@/lib/redis/cluster/slot-coverage";
import type { KeyMismatch } from "../types";
import type { TClusterCheckpoint, TDonePair } from "./cluster-checkpoint";
import type { CompareClusterKeyspacesOptions, TShardProgress } from "./cluster-verify-types";
import { planVerifyPairs, restrictPairs, slotMask, type TVerifyPair } from "./plan-verify-pairs";
import { runVerifyPair } from "./run-verify-pair";
import { settledTopology } from "./settled-topology";
import { SourceSlotMoved } from "./source-move-guard";

/** Times one shard's remaining pairs are planned again before the run fails: each is a failover or a slot moved. */
export const MAX_REDOS_PER_SHARD = 5;

/** One source shard's work: its pairs one after another, while the other shards run beside it. */
export type TLane = TShardProgress & { slots: TSlotRange[]; queue: TVerifyPair[]; done: TDonePair[] };

export type TLaneRun = {
  opts: CompareClusterKeyspacesOptions;
  signal: AbortSignal;
  lanes: TLane[];
  /** Source slots left out (1): they were being resharded. */
  skipped: Uint8Array;
  retained: KeyMismatch[];
  /** Finished pairs are handed on one at a time, so a checkpoint covers exactly the rows stored with it. */
  commits: Promise<void>;
  checkpoint: () => TClusterCheckpoint;
  report: () => void;
};

/** Runs a lane to its end; a source slot that changes owner under a pair replans what is left of the lane. */
export async function runLane(run: TLaneRun, lane: TLane): Promise<void> {
  let redos = 0;
  while (lane.queue.length > 0) {
    const pair = lane.queue[0];
    const before = { keys: lane.keysDone, mismatches: lane.mismatchesSoFar };
    try {
      const out = await runVerifyPair(run.opts, pair, run.signal, (p) => {
        if (p.phase === "scan") lane.keysDone = before.keys + p.keysDone;
        Object.assign(lane, { phase: p.phase, mismatchesSoFar: before.mismatches + p.mismatchesSoFar });
        run.report();
      });
      lane.queue.shift();
      Object.assign(lane, { keysDone: before.keys + out.result.keysCompared, mismatchesSoFar: before.mismatches + out.result.mismatchCount });
      await commit(run, lane, { source: pair.source.label, target: pair.target.label, slots: pair.slots, result: out.result }, out.mismatches);
    } catch (err) {
      if (!(err instanceof SourceSlotMoved) || run.signal.aborted) throw err;
      if (++redos > MAX_REDOS_PER_SHARD) throw new AppError("REDIS_ERROR", `${err.message} This shard's slots changed owner ${MAX_REDOS_PER_SHARD} times during the run; verify again once the cluster is stable.`);
      const scannedAgain = lane.keysDone - before.keys;
      Object.assign(lane, { keysDone: before.keys, mismatchesSoFar: before.mismatches });
      await replan(run, lane, err, scannedAgain);
    }
  }
  lane.phase = "done";
  run.report();
}

async function commit(run: TLaneRun, lane: TLane, done: TDonePair, mismatches: KeyMismatch[]): Promise<void> {
  const max = run.opts.maxMismatches ?? 1000;
  run.commits = run.commits.then(async () => {
    for (const m of mismatches) {
      await run.opts.onMismatch?.(m);
      if (run.retained.length < max) run.retained.push(m);
    }
    lane.done.push(done);
    lane.pairsDone = lane.done.length;
    await run.opts.onCheckpoint?.(run.checkpoint());
  });
  await run.commits;
}

/** Plans what is left of the lane (the interrupted pair included) against the topology the redirect announced. */
async function replan(run: TLaneRun, lane: TLane, moved: SourceSlotMoved, scannedAgain: number): Promise<void> {
  const { src, tgt } = await settledTopology(run.opts, moved, run.signal);
  const keep = slotMask(lane.queue.flatMap((p) => p.slots));
  const resharding = [...new Set(src.moves.map((m) => m.slot))].filter((s) => keep[s] === 1);
  for (const s of resharding) [run.skipped[s], keep[s]] = [1, 0];
  const next = restrictPairs(planVerifyPairs(src.nodes, tgt.nodes), keep);
  const r = moved.redirect;
  const now = [...new Set(next.map((p) => p.source.label))];
  const what = r.kind === "MOVED" ? `slot ${r.slot} moved to ${r.host}:${r.port} (failover or resharding)` : `slot ${r.slot} began migrating to ${r.host}:${r.port}`;
  const left = resharding.length ? `; slots ${formatRanges(mergeRanges(resharding.map((s) => [s, s])))} left out while resharded` : "";
  lane.events.push(`${moved.node}: ${what} after ${scannedAgain} key(s) of the pair; ${next.length} pair(s) redone on ${now.join(", ") || "no node"} (${lane.done.length} finished pair(s) kept)${left}`);
  lane.pairsRedone += 1;
  lane.queue = next;
  lane.pairsTotal = lane.done.length + next.length;
  if (now.length) lane.source = now.join(", ");
  run.report();
}
