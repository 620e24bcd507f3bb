import { AppError } from "@/lib/errors";
import type { TRedisEndpoint } from "@/lib/redis/endpoint";
import type { TSlotRange } from "@/lib/redis/cluster/cluster-types";
import { CLUSTER_SLOT_COUNT } from "@/lib/redis/cluster/key-slot";
import { formatRanges, slotCoverage, slotOwners } from "@/lib/redis/cluster/slot-coverage";

/** One node a side's keys live on (a cluster primary, or a single node owning every slot). */
export type TVerifyNode = { label: string; endpoint: TRedisEndpoint; slots: TSlotRange[] };

/** A source node and a target node that share slots: the unit the engine compares. */
export type TVerifyPair = { source: TVerifyNode; target: TVerifyNode; slots: TSlotRange[] };

/**
 * Splits a comparison into source node x target node pairs, one per non-empty slot overlap, so
 * each source key is looked up on the target node owning its slot (3 -> 2 shards: the middle
 * source shard pairs with both targets). Refuses when either side leaves slots unowned: keys
 * there could neither be written nor found, and a comparison would silently skip them.
 */
export function planVerifyPairs(sources: TVerifyNode[], targets: TVerifyNode[]): TVerifyPair[] {
  for (const [side, nodes] of [["source", sources], ["target", targets]] as const) {
    const { gaps } = slotCoverage(nodes);
    if (gaps.length > 0) {
      throw new AppError("PREFLIGHT_FAILED", `The ${side} cluster does not cover slots ${formatRanges(gaps)}: assign them (CLUSTER ADDSLOTS, or finish the resharding) before verifying.`, { side, gaps });
    }
  }
  const [s, t] = [slotOwners(sources), slotOwners(targets)];
  const pairs = new Map<string, TVerifyPair>();
  for (let slot = 0; slot < CLUSTER_SLOT_COUNT; slot++) {
    const id = `${s[slot]}:${t[slot]}`;
    let pair = pairs.get(id);
    if (!pair) pairs.set(id, (pair = { source: sources[s[slot]], target: targets[t[slot]], slots: [] }));
    const last = pair.slots[pair.slots.length - 1];
    if (last && last[1] === slot - 1) last[1] = slot;
    else pair.slots.push([slot, slot]);
  }
  return [...pairs.values()];
}

/** A fast "is this key's slot in the pair" test for the engine's keyFilter. */
export function slotMask(ranges: TSlotRange[]): Uint8Array {
  const mask = new Uint8Array(CLUSTER_SLOT_COUNT);
  for (const [a, b] of ranges) mask.fill(1, a, b + 1);
  return mask;
}

/** The pairs cut down to the slots `keep` marks (1), dropping a pair left with none. */
export function restrictPairs(pairs: TVerifyPair[], keep: Uint8Array): TVerifyPair[] {
  return pairs.flatMap((p) => {
    const slots: TSlotRange[] = [];
    for (const [a, b] of p.slots) {
      for (let s = a; s <= b; s++) {
        if (keep[s] !== 1) continue;
        const last = slots[slots.length - 1];
        if (last && last[1] === s - 1) last[1] = s;
        else slots.push([s, s]);
      }
    }
    return slots.length ? [{ ...p, slots }] : [];
  });
}
