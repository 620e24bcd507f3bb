import type { TReplicateOptions } from "../replication-store/replicate-options";
import { judgeGate, type TCutoverGate, type TGateSample } from "./cutover-gate";
import type { TGateOptions } from "./gate-options";
import { judgeReplicationGate } from "./replication-gate";
import { judgeShardedGate, shardSamplesOf } from "./shard-gate";

/** What the gate reads of a sample: the aggregate columns, the per-shard facts and the replicator's stats. */
export type TSampledGateRow = TGateSample & { shards: string | null; repl: string | null };

/**
 * The cutover gate of a sampled migration from its window of samples (oldest first): the one
 * dispatch behind both evaluateCutoverGate (rows read back) and the sampler's gate watch (rows it
 * just stored), so the monitor page and gate.opened never disagree. The replicate strategy is
 * judged by its replicator's stats; a cluster-mode migration shard by shard, because a summed
 * lag or key count can hide one shard that holds the cutover back; anything else as one node.
 */
export function judgeSampledGate(opts: { rows: TSampledGateRow[]; gate: TGateOptions; replicate: TReplicateOptions | null; now: number }): TCutoverGate {
  if (opts.replicate) return judgeReplicationGate(opts.rows, opts.gate, opts.replicate, opts.now);
  const sharded = shardSamplesOf(opts.rows);
  if (sharded) return judgeShardedGate(sharded, opts.gate, opts.now);
  return judgeGate(opts.rows, opts.gate, opts.now);
}

/** How far back the gate looks: the stable run plus the freshness allowance (at least 5 s). */
export function gateWindowMs(gate: TGateOptions): number {
  return (gate.stableSeconds + Math.max(gate.maxSampleAgeSeconds, 5)) * 1000;
}
