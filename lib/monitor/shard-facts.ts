import { z } from "zod";
import type { TReplicationShardStats } from "../replicate/types";
import { ZShardStats } from "../replication-store/replication-json";
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

/**
 * Key-level replication from a cluster: one source primary's replicator in one sample. Stored in
 * the same column as the shard pairs, tagged, so a reader of either kind skips the other.
 */
export const ZReplicatorShardFacts = ZShardStats.extend({ kind: z.literal("replicator") });
export type TReplicatorShardFacts = z.infer<typeof ZReplicatorShardFacts>;
const ZReplicatorShardList = z.array(ZReplicatorShardFacts).max(500);

const isReplicator = (x: unknown) => typeof x === "object" && x !== null && (x as { kind?: unknown }).kind === "replicator";

function readList<T>(json: string | null, replicator: boolean, schema: z.ZodType<T[]>): T[] {
  if (!json) return [];
  try {
    const all: unknown = JSON.parse(json);
    if (!Array.isArray(all)) return [];
    const parsed = schema.safeParse(all.filter((x) => isReplicator(x) === replicator));
    return parsed.success ? parsed.data : [];
  } catch {
    return [];
  }
}

/** The stored shard pairs, or [] when absent or not what we wrote (a sample stays readable either way). */
export function readShardFacts(json: string | null): TShardFacts[] {
  return readList(json, false, ZShardList);
}

/** The stored replicator rows (replicate strategy, cluster source), or [] (see readShardFacts). */
export function readReplicatorShards(json: string | null): TReplicatorShardFacts[] {
  return readList(json, true, ZReplicatorShardList);
}

/** The row with the replicator's per-primary rows added to its `shards` (beside any shard pairs the sampler read). */
export function withReplicatorShards(row: TSampleInput, shards: TReplicationShardStats[] | undefined): TSampleInput {
  if (!shards?.length) return row;
  const pairs: unknown[] = row.shards ? JSON.parse(row.shards) : [];
  return { ...row, shards: JSON.stringify([...pairs, ...shards.map((s) => ({ kind: "replicator", ...s }))]) };
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
