import "server-only";
import { AppError } from "@/lib/errors";
import { CLUSTER_SLOT_COUNT } from "@/lib/redis/cluster/key-slot";
import { formatRanges, mergeRanges, slotOwners } from "@/lib/redis/cluster/slot-coverage";
import { compareCounts, type KeyspaceInfo } from "../keyspace-counts";
import type { KeyMismatch } from "../types";
import { ZClusterCheckpoint, type TClusterCheckpoint } from "./cluster-checkpoint";
import type { CompareClusterKeyspacesOptions, CompareClusterKeyspacesResult } from "./cluster-verify-types";
import { planVerifyPairs, restrictPairs } from "./plan-verify-pairs";
import { readVerifyNodes, type TVerifySideNodes } from "./read-verify-nodes";
import { reportLanes } from "./report-lanes";
import { summarizeLanes } from "./summarize-lanes";
import { runLane, type TLane, type TLaneRun } from "./verify-lanes";

/**
 * Verification between any two layouts (cluster -> cluster of another shard count, cluster ->
 * single node, single node -> cluster) on top of compareKeyspaces: the work is split into
 * source node x target node pairs by slot (plan-verify-pairs.ts), every source primary is
 * scanned in parallel (its pairs one after another), and each key is looked up on the target
 * node owning its slot. Never writes to either end.
 *
 * The topology may change under the run. Target lookups answered MOVED or ASK are asked again at
 * the node named, key by key, within the pair. A source node that redirects (it was failed over,
 * or lost a slot) stops its pair: what is left of that shard is planned again on the new topology
 * while finished pairs keep their results. Source slots being resharded are left out and named:
 * their keys move between two nodes while both are scanned, so a key could be missed by both
 * scans or counted twice, and no comparison of them would be sound. Resumable by pair.
 */
export async function compareClusterKeyspaces(opts: CompareClusterKeyspacesOptions): Promise<CompareClusterKeyspacesResult> {
  const started = Date.now();
  const resume = opts.resumeFrom ? ZClusterCheckpoint.parse(opts.resumeFrom) : undefined;
  const mode = opts.mode ?? "full";
  if (resume && resume.mode !== mode) throw new AppError("INVALID_INPUT", `checkpoint is for mode ${resume.mode}, not ${mode}`);
  const [src, tgt] = await Promise.all([readVerifyNodes(opts.source), readVerifyNodes(opts.target)]);
  const skipped = new Uint8Array(CLUSTER_SLOT_COUNT);
  for (const m of src.moves) skipped[m.slot] = 1;
  const keep = new Uint8Array(CLUSTER_SLOT_COUNT).map((_, s) => 1 - skipped[s]);
  for (const d of resume?.pairs ?? []) for (const [a, b] of d.slots) keep.fill(0, a, b + 1);
  const allPairs = planVerifyPairs(src.nodes, tgt.nodes);
  const pairs = restrictPairs(allPairs, keep);
  const owner = slotOwners(src.nodes);
  const lanes: TLane[] = src.nodes.map((n, i) => {
    const queue = pairs.filter((p) => p.source.label === n.label);
    // A finished pair belongs to the shard owning its slots now (the same one unless they moved).
    const done = (resume?.pairs ?? []).filter((d) => owner[d.slots[0][0]] === i);
    const keysDone = done.reduce((k, d) => k + d.result.keysCompared, 0);
    return {
      source: n.label, phase: "counts", keysDone, mismatchesSoFar: done.reduce((k, d) => k + d.result.mismatchCount, 0),
      keysTotal: Math.max(keysDone, [...n.keyspace.values()].reduce((k, e) => k + e.keys, 0)),
      pairsDone: done.length, pairsTotal: done.length + queue.length, pairsRedone: 0, events: [], slots: n.slots, queue, done,
    };
  });
  const inner = new AbortController();
  const onAbort = () => inner.abort();
  opts.signal?.addEventListener("abort", onAbort, { once: true });
  if (opts.signal?.aborted) onAbort();
  const elapsedBefore = resume?.elapsedMs ?? 0;
  const retained: KeyMismatch[] = [];
  const checkpoint = (): TClusterCheckpoint => ({ version: 1, kind: "cluster", mode, pairs: lanes.flatMap((l) => l.done), elapsedMs: elapsedBefore + Date.now() - started });
  const run: TLaneRun = { opts, signal: inner.signal, lanes, skipped, retained, commits: Promise.resolve(), checkpoint, report: reportLanes(opts, lanes, started) };
  try {
    const settled = await Promise.allSettled(lanes.map((l) => runLane(run, l).catch((err: unknown) => {
      inner.abort(); // one shard failing stops the others: the run cannot finish
      throw err;
    })));
    await run.commits.catch(() => {});
    if (opts.signal?.aborted) throw new AppError("VERIFY_CANCELLED", "verification cancelled", { checkpoint: checkpoint() });
    const failed = settled.find((s): s is PromiseRejectedResult => s.status === "rejected" && !(s.reason instanceof AppError && s.reason.code === "VERIFY_CANCELLED"));
    const first = failed ?? settled.find((s): s is PromiseRejectedResult => s.status === "rejected");
    if (first) throw first.reason;
  } finally {
    opts.signal?.removeEventListener("abort", onAbort);
  }
  const [srcAfter, tgtAfter] = await Promise.all([readVerifyNodes(opts.source), readVerifyNodes(opts.target)]);
  const skippedSlots = formatRanges(mergeRanges([...skipped.keys()].filter((s) => skipped[s] === 1).map((s) => [s, s])));
  const targetMoved = tgt.moves.length + tgtAfter.moves.length > 0 || tgtAfter.fingerprint !== tgt.fingerprint;
  return summarizeLanes(opts, {
    lanes, retained, skippedSlots, targetMoved,
    counts: compareCounts(dbsOf(lanes), sumKeyspaces(srcAfter), sumKeyspaces(tgtAfter)),
    layout: { source: src.cluster ? "cluster" : "single", target: tgt.cluster ? "cluster" : "single", sourceShards: src.nodes.length, targetShards: tgt.nodes.length, pairs: allPairs.length },
    durationMs: elapsedBefore + Date.now() - started,
    resumed: Boolean(resume),
  });
}

function dbsOf(lanes: TLane[]): number[] {
  return [...new Set(lanes.flatMap((l) => l.done.flatMap((d) => d.result.dbs)))].sort((a, b) => a - b);
}

function sumKeyspaces(side: TVerifySideNodes): KeyspaceInfo {
  const out: KeyspaceInfo = new Map();
  for (const n of side.nodes) {
    for (const [db, e] of n.keyspace) {
      const acc = out.get(db) ?? { keys: 0, expires: 0 };
      out.set(db, { keys: acc.keys + e.keys, expires: acc.expires + e.expires });
    }
  }
  return out;
}
