import { z } from "zod";
import type { TShardProgress } from "../engine/cluster/cluster-verify-types";

/** One source shard's line in the verification panel. */
export type TVerificationShardRow = {
  primary: string;
  keysDone: number;
  keysTotal: number;
  differences: number;
  pairsDone: number;
  pairsTotal: number;
  pairsRedone: number;
  events: string[];
};

const ZShardProgress = z.object({
  source: z.string(),
  keysDone: z.number(),
  keysTotal: z.number(),
  mismatchesSoFar: z.number(),
  pairsDone: z.number(),
  pairsTotal: z.number(),
  pairsRedone: z.number(),
  events: z.array(z.string()).max(1_000),
}) satisfies z.ZodType<Omit<TShardProgress, "phase">>;
const ZClusterProgress = z.object({ shards: z.array(ZShardProgress).max(1_000) });
const ZClusterResult = z.object({ skippedSlots: z.string().max(100_000) });

/**
 * The per-shard view of a cluster verification, from what the run row stores: each source shard's
 * progress (the cluster engine's `shards`, kept on the run's progress) and, once finished, the slots
 * left out because they were being resharded. Null for a run compared node to node.
 */
export function verificationShardRows(run: { progress: unknown; result: unknown }): { shards: TVerificationShardRow[]; skippedSlots: string } | null {
  const p = ZClusterProgress.safeParse(run.progress);
  if (!p.success) return null;
  const r = ZClusterResult.safeParse(run.result);
  return {
    shards: p.data.shards.map((s) => ({
      primary: s.source, keysDone: s.keysDone, keysTotal: s.keysTotal, differences: s.mismatchesSoFar,
      pairsDone: s.pairsDone, pairsTotal: s.pairsTotal, pairsRedone: s.pairsRedone, events: s.events,
    })),
    skippedSlots: r.success ? r.data.skippedSlots : "",
  };
}
