import { CLUSTER_SLOT_COUNT } from "./key-slot";
import type { TClusterShard, TSlotRange } from "./cluster-types";

/** Slot -> index into `shards`, or -1 for a slot nobody owns. */
export function slotOwners(shards: Pick<TClusterShard, "slots">[]): Int16Array {
  const owners = new Int16Array(CLUSTER_SLOT_COUNT).fill(-1);
  shards.forEach((s, i) => {
    for (const [a, b] of s.slots) owners.fill(i, a, b + 1);
  });
  return owners;
}

/** How many slots are owned, and the ranges that are not. */
export function slotCoverage(shards: Pick<TClusterShard, "slots">[]): { covered: number; gaps: TSlotRange[] } {
  const owners = slotOwners(shards);
  const gaps: TSlotRange[] = [];
  let covered = 0;
  for (let s = 0; s < CLUSTER_SLOT_COUNT; s++) {
    if (owners[s] !== -1) {
      covered++;
      continue;
    }
    const last = gaps[gaps.length - 1];
    if (last && last[1] === s - 1) last[1] = s;
    else gaps.push([s, s]);
  }
  return { covered, gaps };
}

/** Merges adjacent and overlapping ranges, sorted: `[[0,5],[6,9]]` -> `[[0,9]]`. */
export function mergeRanges(ranges: TSlotRange[]): TSlotRange[] {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const out: TSlotRange[] = [];
  for (const [a, b] of sorted) {
    const last = out[out.length - 1];
    if (last && a <= last[1] + 1) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}

/** `0-5460, 10923` for messages. */
export function formatRanges(ranges: TSlotRange[]): string {
  return ranges.map(([a, b]) => (a === b ? `${a}` : `${a}-${b}`)).join(", ");
}
