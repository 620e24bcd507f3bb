import { z } from "zod";
import { parseSlotRanges } from "@/lib/aws/node-groups";
import { keySlot } from "@/lib/redis/cluster/key-slot";

const ZTotals = z.object({ OK: z.number(), MISSING: z.number(), TYPE: z.number(), VALUE: z.number(), TTL: z.number(), EXTRA: z.number() });

/** What a cluster verification adds to VerificationRun.result (engine/cluster): the layout and each source shard's counts. */
const ZClusterPart = z.object({
  layout: z.object({ source: z.enum(["cluster", "single"]), target: z.enum(["cluster", "single"]), sourceShards: z.number(), targetShards: z.number(), pairs: z.number() }),
  shards: z.array(z.object({ source: z.string(), slots: z.string(), targets: z.array(z.string()), keysCompared: z.number(), mismatchCount: z.number(), totals: ZTotals })).max(1_000),
  /** Source slots not compared because they were being resharded; runs stored before it compared every slot. */
  skippedSlots: z.string().max(100_000).default(""),
});
export type TClusterVerificationPart = z.infer<typeof ZClusterPart>;

/** The cluster part of a stored verification result, or null for a run compared node to node. */
export function readClusterVerificationPart(result: string | null): TClusterVerificationPart | null {
  if (!result) return null;
  try {
    const parsed = ZClusterPart.safeParse(JSON.parse(result));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/**
 * Names the source shard a key belongs to, by its slot (the one CRC16) against the slot ranges the
 * verification ran with: "0-5460 (10.0.0.5:6379)". Null without a cluster part.
 */
export function shardNamer(part: TClusterVerificationPart | null): (keyBase64: string) => string | null {
  if (!part) return () => null;
  const owners = part.shards.map((s) => ({ name: `${s.slots} (${s.source})`, ranges: parseSlotRanges(s.slots) }));
  return (keyBase64) => {
    const slot = keySlot(Buffer.from(keyBase64, "base64"));
    return owners.find((o) => o.ranges.some(([a, b]) => slot >= a && slot <= b))?.name ?? null;
  };
}
