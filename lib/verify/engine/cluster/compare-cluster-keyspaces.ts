import "server-only";
import { AppError } from "@/lib/errors";
import { keySlot } from "@/lib/redis/cluster/key-slot";
import { formatRanges, mergeRanges } from "@/lib/redis/cluster/slot-coverage";
import { compareKeyspaces } from "../compare-keyspaces";
import { compareCounts, type KeyspaceInfo } from "../keyspace-counts";
import { redisEndpointToResp } from "../redis-endpoint-to-resp";
import type { CompareKeyspacesResult, KeyMismatch, VerifyProgress } from "../types";
import type { CompareClusterKeyspacesOptions, CompareClusterKeyspacesResult, TShardProgress, TShardResult } from "./cluster-verify-types";
import { planVerifyPairs, slotMask, type TVerifyPair } from "./plan-verify-pairs";
import { readVerifyNodes, type TVerifySideNodes } from "./read-verify-nodes";
import { shardResult, sumTotals } from "./shard-result";

/**
 * Verification between any two layouts (cluster -> cluster of another shard count, cluster ->
 * single node, single node -> cluster) on top of compareKeyspaces: the work is split into
 * source node x target node pairs by slot (plan-verify-pairs.ts), every source primary is
 * scanned in parallel (its pairs one after another), and each key is looked up on the target
 * node owning its slot. Never writes to either end.
 *
 * Redirections are followed by re-planning: a run refuses to start while a slot is migrating or
 * importing (keys would answer ASK), and if a slot changed owner during the run (MOVED: a
 * failover or a resharding) the whole run is redone against the new topology, up to
 * maxAttempts; mismatches are only reported from a run the topology held still for.
 */
export async function compareClusterKeyspaces(opts: CompareClusterKeyspacesOptions): Promise<CompareClusterKeyspacesResult> {
  const started = Date.now();
  const maxAttempts = Math.max(1, opts.maxAttempts ?? 3);
  for (let attempt = 1; ; attempt++) {
    const [src, tgt] = await Promise.all([readVerifyNodes(opts.source), readVerifyNodes(opts.target)]);
    refuseMoves(src, "source");
    refuseMoves(tgt, "target");
    const pairs = planVerifyPairs(src.nodes, tgt.nodes);
    const mismatches: KeyMismatch[] = [];
    const results = await runPairs(opts, pairs, src, mismatches);
    const [srcAfter, tgtAfter] = await Promise.all([readVerifyNodes(opts.source), readVerifyNodes(opts.target)]);
    if ((srcAfter.fingerprint !== src.fingerprint || tgtAfter.fingerprint !== tgt.fingerprint) && attempt < maxAttempts) continue;
    if (srcAfter.fingerprint !== src.fingerprint || tgtAfter.fingerprint !== tgt.fingerprint) {
      throw new AppError("REDIS_ERROR", `The cluster topology changed during each of ${maxAttempts} verification runs; verify again once it is stable.`);
    }
    for (const m of mismatches) await opts.onMismatch?.(m);
    return summarize(opts, { src: srcAfter, tgt: tgtAfter, pairs, results, mismatches, attempt, durationMs: Date.now() - started });
  }
}

function refuseMoves(side: TVerifySideNodes, name: string): void {
  if (side.moves.length === 0) return;
  const slots = [...new Set(side.moves.map((m) => m.slot))].sort((a, b) => a - b);
  throw new AppError("PREFLIGHT_FAILED", `Slots ${slots.slice(0, 10).join(", ")}${slots.length > 10 ? ", ..." : ""} of the ${name} are being resharded (migrating/importing): verify once the resharding has finished.`, { side: name, slots: slots.slice(0, 100) });
}

type PairResult = { pair: TVerifyPair; result: CompareKeyspacesResult };

async function runPairs(opts: CompareClusterKeyspacesOptions, pairs: TVerifyPair[], src: TVerifySideNodes, mismatches: KeyMismatch[]): Promise<PairResult[]> {
  const bySource = new Map<string, TVerifyPair[]>();
  for (const p of pairs) bySource.set(p.source.label, [...(bySource.get(p.source.label) ?? []), p]);
  const progress = new Map<string, TShardProgress>(src.nodes.map((n) => [n.label, {
    source: n.label, phase: "counts", keysDone: 0, mismatchesSoFar: 0, keysTotal: [...n.keyspace.values()].reduce((k, e) => k + e.keys, 0),
  }]));
  const startedAt = Date.now();
  const report = () => {
    const shards = [...progress.values()].map((p) => ({ ...p }));
    opts.onShardProgress?.(shards);
    if (!opts.onProgress) return;
    const keysDone = shards.reduce((k, p) => k + p.keysDone, 0);
    const keysTotal = shards.reduce((k, p) => k + p.keysTotal, 0);
    const keysPerSec = Math.round((keysDone / Math.max(1, Date.now() - startedAt)) * 1000);
    const phase = shards.every((p) => p.phase === "done") ? "done" : "scan";
    opts.onProgress({ phase, round: 1, db: 0, keysDone, keysTotal, keysPerSec, etaSec: keysPerSec > 0 ? Math.max(0, Math.round((keysTotal - keysDone) / keysPerSec)) : null,
      mismatchesSoFar: shards.reduce((k, p) => k + p.mismatchesSoFar, 0), shards });
  };
  const groups = [...bySource.entries()].map(async ([label, group]) => {
    const out: PairResult[] = [];
    const shard = progress.get(label)!;
    let before = { keys: 0, mismatches: 0 };
    for (const pair of group) {
      const mask = slotMask(pair.slots);
      const result = await compareKeyspaces({
        ...opts, // the engine's knobs; the cluster-only ones are ignored by it, the sides are replaced below
        source: { endpoint: { ...redisEndpointToResp(pair.source.endpoint), label: "source" }, readOnly: true },
        target: { endpoint: { ...redisEndpointToResp(pair.target.endpoint), label: "target" } },
        keyFilter: (key) => mask[keySlot(key)] === 1,
        // Held until the run is known to count; beyond the cap they are counted, not kept.
        onMismatch: (m) => void (mismatches.length < (opts.maxRecheckKeys ?? 100_000) && mismatches.push(m)),
        onProgress: (p: VerifyProgress) => {
          if (p.phase === "scan") shard.keysDone = before.keys + p.keysDone;
          Object.assign(shard, { phase: p.phase, mismatchesSoFar: before.mismatches + p.mismatchesSoFar });
          report();
        },
      });
      before = { keys: before.keys + result.keysCompared, mismatches: before.mismatches + result.mismatchCount };
      Object.assign(shard, { keysDone: before.keys, mismatchesSoFar: before.mismatches });
      out.push({ pair, result });
    }
    Object.assign(shard, { phase: "done" });
    report();
    return out;
  });
  return (await Promise.all(groups)).flat();
}

function summarize(
  opts: CompareClusterKeyspacesOptions,
  r: { src: TVerifySideNodes; tgt: TVerifySideNodes; pairs: TVerifyPair[]; results: PairResult[]; mismatches: KeyMismatch[]; attempt: number; durationMs: number },
): CompareClusterKeyspacesResult {
  const dbs = [...new Set(r.results.flatMap((x) => x.result.dbs))].sort((a, b) => a - b);
  const shards: TShardResult[] = r.src.nodes.map((n) => shardResult(n.label, formatRanges(mergeRanges(n.slots)), r.results.filter((x) => x.pair.source.label === n.label)));
  const keysCompared = shards.reduce((k, s) => k + s.keysCompared, 0);
  // Source primaries are scanned in parallel: the slowest one's scan time is the run's.
  const scanMs = Math.max(0, ...shards.map((s) => s.scanMs));
  const max = opts.maxMismatches ?? 1000;
  const mismatchCount = r.results.reduce((k, x) => k + x.result.mismatchCount, 0);
  return {
    mode: opts.mode ?? "full",
    dbs,
    counts: compareCounts(dbs, sumKeyspaces(r.src), sumKeyspaces(r.tgt)),
    totals: sumTotals(r.results.map((x) => x.result.totals)),
    mismatches: r.mismatches.slice(0, max),
    mismatchCount,
    truncated: mismatchCount > max,
    keysCompared,
    extraKeysScanned: shards.reduce((k, s) => k + s.extraKeysScanned, 0),
    durationMs: r.durationMs,
    scanMs,
    keysPerSec: scanMs > 0 ? Math.round((keysCompared / scanMs) * 1000) : 0,
    roundsRun: Math.max(1, ...r.results.map((x) => x.result.roundsRun)),
    notRechecked: r.results.reduce((k, x) => k + x.result.notRechecked, 0),
    notes: [...new Set(r.results.flatMap((x) => x.result.notes))],
    resumed: false,
    peakBytesInFlight: Math.max(0, ...r.results.map((x) => x.result.peakBytesInFlight)),
    scriptRead: r.results.length > 0 && r.results.every((x) => x.result.scriptRead),
    sourceNoTouch: r.results.every((x) => x.result.sourceNoTouch),
    layout: {
      source: r.src.cluster ? "cluster" : "single",
      target: r.tgt.cluster ? "cluster" : "single",
      sourceShards: r.src.nodes.length,
      targetShards: r.tgt.nodes.length,
      pairs: r.pairs.length,
    },
    shards,
    attempts: r.attempt,
  };
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
