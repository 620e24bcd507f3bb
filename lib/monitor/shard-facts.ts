import { z } from "zod";
import type { TSampleInput } from "./build-sample";
import type { TGateSample } from "./cutover-gate";

/** One target shard and the source shard owning the same slots, in one sample (the `shards` column). */
export const ZShardFacts = z.object({
  g: z.string().max(64),
  srcOffset: z.number().nullable(),
  tgtOffset: z.number().nullable(),
  lagBytes: z.number().nullable(),
  linkUp: z.boolean().nullable(),
  syncInProgress: z.boolean().nullable(),
  srcKeys: z.number().nullable(),
  tgtKeys: z.number().nullable(),
  srcUp: z.boolean(),
  tgtUp: z.boolean(),
});
export type TShardFacts = z.infer<typeof ZShardFacts>;
const ZShardList = z.array(ZShardFacts).max(500);

export function shardFactsOf(nodeGroupId: string, s: TSampleInput): TShardFacts {
  return {
    g: nodeGroupId, srcOffset: s.srcOffset, tgtOffset: s.tgtOffset, lagBytes: s.lagBytes, linkUp: s.linkUp,
    syncInProgress: s.syncInProgress, srcKeys: s.srcKeys, tgtKeys: s.tgtKeys, srcUp: s.srcUp, tgtUp: s.tgtUp,
  };
}

/** The stored column, or [] when absent or not what we wrote (a sample stays readable either way). */
export function readShardFacts(json: string | null): TShardFacts[] {
  if (!json) return [];
  try {
    const parsed = ZShardList.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : [];
  } catch {
    return [];
  }
}

export function shardGateSampleOf(at: Date, s: TShardFacts): TGateSample {
  return { at, lagBytes: s.lagBytes, linkUp: s.linkUp, syncInProgress: s.syncInProgress, srcKeys: s.srcKeys, tgtKeys: s.tgtKeys, srcUp: s.srcUp, tgtUp: s.tgtUp };
}

type TNumKey = { [K in keyof TSampleInput]: TSampleInput[K] extends number | null ? K : never }[keyof TSampleInput];
const SUMMED: TNumKey[] = ["srcOffset", "tgtOffset", "lagBytes", "syncReadBytes", "syncTotalBytes", "srcKeys", "tgtKeys", "srcMemory", "tgtMemory", "srcOps", "tgtOps", "srcReplicas"];

/**
 * The whole migration in one row from its shards' rows (what the charts and columns show): figures
 * summed (unknown if any shard's is), the link up only if up on every shard, an end up only if every
 * shard of it answered. The per-shard rows travel along in `shards`.
 */
export function aggregateShardRows(parts: { nodeGroupId: string; row: TSampleInput }[]): TSampleInput {
  const rows = parts.map((p) => p.row);
  const first = rows[0];
  const out: TSampleInput = { ...first, shards: JSON.stringify(parts.map((p) => shardFactsOf(p.nodeGroupId, p.row))) };
  for (const k of SUMMED) out[k] = rows.every((r) => r[k] !== null) ? rows.reduce((n, r) => n + (r[k] as number), 0) : null;
  out.linkUp = rows.some((r) => r.linkUp === null) ? null : rows.every((r) => r.linkUp);
  out.syncInProgress = rows.some((r) => r.syncInProgress === null) ? null : rows.some((r) => r.syncInProgress);
  out.srcUp = rows.every((r) => r.srcUp);
  out.tgtUp = rows.every((r) => r.tgtUp);
  out.persistence = rows.find((r) => r.persistence !== null)?.persistence ?? null;
  return out;
}
