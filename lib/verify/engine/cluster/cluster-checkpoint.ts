import { z } from "zod";
import { CLUSTER_SLOT_COUNT } from "@/lib/redis/cluster/key-slot";
import type { CompareKeyspacesResult } from "../types";

const ZCount = z.number().int().min(0);

/** What a finished pair contributes to the run's result (its differences are already handed on). */
export const ZPairResult = z.object({
  dbs: z.array(ZCount),
  totals: z.object({ OK: ZCount, MISSING: ZCount, EXTRA: ZCount, TYPE: ZCount, VALUE: ZCount, TTL: ZCount }),
  mismatchCount: ZCount,
  keysCompared: ZCount,
  extraKeysScanned: ZCount,
  scanMs: z.number().min(0),
  roundsRun: ZCount,
  notRechecked: ZCount,
  notes: z.array(z.string().max(2000)).max(20),
  peakBytesInFlight: ZCount,
  scriptRead: z.boolean(),
  sourceNoTouch: z.boolean(),
  /** Target lookups answered MOVED / ASK and asked again at the node named. */
  redirects: z.object({ moved: ZCount, ask: ZCount }),
});
export type TPairResult = z.infer<typeof ZPairResult>;

const ZSlot = z.number().int().min(0).max(CLUSTER_SLOT_COUNT - 1);

export const ZDonePair = z.object({
  source: z.string().max(300),
  target: z.string().max(300),
  slots: z.array(z.tuple([ZSlot, ZSlot])).max(CLUSTER_SLOT_COUNT),
  result: ZPairResult,
});
export type TDonePair = z.infer<typeof ZDonePair>;

/**
 * A cluster verification's resumable state: the pairs finished so far with their counts. Written
 * after each pair, in the same transaction as that pair's Mismatch rows (jobs/verification-store),
 * so a resumed run skips exactly the pairs whose differences are stored.
 */
export const ZClusterCheckpoint = z.object({
  version: z.literal(1),
  kind: z.literal("cluster"),
  mode: z.enum(["full", "length", "outline"]),
  pairs: z.array(ZDonePair).max(CLUSTER_SLOT_COUNT),
  elapsedMs: z.number().min(0),
});
export type TClusterCheckpoint = z.infer<typeof ZClusterCheckpoint>;

export function toPairResult(r: CompareKeyspacesResult, redirects: TPairResult["redirects"]): TPairResult {
  const { dbs, totals, mismatchCount, keysCompared, extraKeysScanned, scanMs, roundsRun, notRechecked, notes, peakBytesInFlight, scriptRead, sourceNoTouch } = r;
  return { dbs, totals, mismatchCount, keysCompared, extraKeysScanned, scanMs, roundsRun, notRechecked, notes, peakBytesInFlight, scriptRead, sourceNoTouch, redirects };
}
