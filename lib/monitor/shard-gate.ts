import type { TEndFacts } from "./end-facts";
import type { TGateOptions } from "./gate-options";
import { judgeGate, type TCutoverGate, type TGateSample } from "./cutover-gate";
import { readShardFacts, shardGateSampleOf } from "./shard-facts";

/** One target shard paired with the source shard owning the same slots, over the gate's window. */
export type TShardSamples = { nodeGroupId: string; samples: TGateSample[] };

export type TShardedGate = TCutoverGate & { shards: (TCutoverGate & { nodeGroupId: string })[] };

/**
 * A sample of one shard pair from one INFO of each primary: the target shard's offset against the
 * offset of the source shard it replicates (offsets of different shards never compare).
 */
export function shardGateSample(at: Date, src: TEndFacts | null, tgt: TEndFacts | null): TGateSample {
  const lag = src?.masterOffset != null && tgt?.slaveOffset != null ? Math.max(0, src.masterOffset - tgt.slaveOffset) : null;
  return {
    at, lagBytes: lag, linkUp: tgt?.linkUp ?? null, syncInProgress: tgt?.syncInProgress ?? null,
    srcKeys: src?.keys ?? null, tgtKeys: tgt?.keys ?? null, srcUp: src !== null, tgtUp: tgt !== null,
  };
}

/**
 * The whole migration in one sample (what the single-series charts and columns hold): lag summed,
 * the link up only if up on every shard, keys summed; unknown if any shard is unknown.
 */
export function aggregateShardSamples(at: Date, shards: TGateSample[]): TGateSample {
  const sum = (f: (s: TGateSample) => number | null) => (shards.every((s) => f(s) !== null) ? shards.reduce((n, s) => n + f(s)!, 0) : null);
  const all = (f: (s: TGateSample) => boolean | null) => (shards.some((s) => f(s) === null) ? null : shards.every((s) => f(s)));
  return {
    at, lagBytes: sum((s) => s.lagBytes), linkUp: all((s) => s.linkUp), syncInProgress: shards.some((s) => s.syncInProgress === true),
    srcKeys: sum((s) => s.srcKeys), tgtKeys: sum((s) => s.tgtKeys), srcUp: shards.every((s) => s.srcUp), tgtUp: shards.every((s) => s.tgtUp),
  };
}

/**
 * The cutover gate of a cluster-mode migration: every shard is judged on its own samples with the
 * single-node gate's conditions and the gate opens only when every shard passes. The first
 * condition names the shards that fail and why; their failing conditions follow, each labelled
 * with its shard, so the monitor says which shard holds the cutover back.
 */
export function judgeShardedGate(shards: TShardSamples[], gate: TGateOptions, now: number): TShardedGate {
  const judged = shards.map((s) => ({ nodeGroupId: s.nodeGroupId, ...judgeGate(s.samples, gate, now) }));
  const failing = judged.filter((s) => !s.open);
  const every = {
    id: "every-shard",
    label: "Every shard passes",
    ok: shards.length > 0 && failing.length === 0,
    detail: shards.length === 0
      ? "No shard was discovered."
      : failing.length === 0
        ? `All ${shards.length} shards pass.`
        : failing.map((s) => `Shard ${s.nodeGroupId}: ${s.conditions.find((c) => !c.ok)!.detail}`).join(" "),
  };
  const perShard = failing.flatMap((s) => s.conditions.filter((c) => !c.ok).map((c) => ({ ...c, id: `${s.nodeGroupId}:${c.id}`, label: `Shard ${s.nodeGroupId}: ${c.label}` })));
  return { open: every.ok, conditions: [every, ...perShard], shards: judged };
}

/**
 * The stored samples regrouped per shard, or null when the latest sample carries no shards (a
 * single-node migration). A sample in which a shard is missing simply leaves a gap in its series,
 * which breaks that shard's "continuously for N seconds" run as a missed tick would.
 */
export function shardSamplesOf(rows: (TGateSample & { shards: string | null })[]): TShardSamples[] | null {
  const latest = rows[rows.length - 1];
  const current = latest ? readShardFacts(latest.shards) : [];
  if (current.length === 0) return null;
  const byGroup = new Map<string, TGateSample[]>(current.map((s) => [s.g, []]));
  for (const r of rows) for (const s of readShardFacts(r.shards)) byGroup.get(s.g)?.push(shardGateSampleOf(r.at, s));
  return [...byGroup].map(([nodeGroupId, samples]) => ({ nodeGroupId, samples }));
}
