import { formatBytes } from "../format-bytes";
import { CLUSTER_SLOT_COUNT } from "../redis/cluster/key-slot";
import { slotOwners } from "../redis/cluster/slot-coverage";
import type { TSlotRange } from "../redis/cluster/cluster-types";
import type { TClusterFacts } from "./cluster-facts";
import { check, type PreflightCheck } from "./types";

export type TTargetShardCapacity = { label: string; slots: TSlotRange[]; bytes: number | null };

/**
 * Per-shard headroom: each source shard's data is spread over the target shards by slot (assuming
 * keys spread evenly over a shard's slots), and each target shard must hold what lands on it. A
 * total that fits can still overflow one shard when the splits differ or a source shard is hot.
 */
export function clusterShardMemoryCheck(source: TClusterFacts, targets: TTargetShardCapacity[]): PreflightCheck {
  const title = "Every target shard has memory for the slots it receives";
  const why = "Each target shard takes the keys of its slots; a shard that fills up evicts or refuses writes even when the cluster as a whole has room.";
  const fix = "Choose a larger node type or more shards for the target, or move slots so the busy source shard's data lands on more than one target shard.";
  const owners = slotOwners(targets);
  const landing = targets.map(() => 0);
  let unknown = false;
  for (const p of source.primaries) {
    const owned = p.slots.reduce((n, [a, b]) => n + b - a + 1, 0);
    if (p.usedMemory === null || owned === 0) {
      unknown = true;
      continue;
    }
    for (const [a, b] of p.slots) for (let s = a; s <= b && s < CLUSTER_SLOT_COUNT; s++) if (owners[s] >= 0) landing[owners[s]] += p.usedMemory / owned;
  }
  const lines = targets.map((t, i) => `${t.label}: ${formatBytes(landing[i])} of ${t.bytes === null ? "unknown" : t.bytes === 0 ? "unlimited" : formatBytes(t.bytes)}`);
  const evidence = `${lines.join("; ")} (source shard data from used_memory_dataset, spread by slot).`;
  if (unknown || targets.some((t) => t.bytes === null)) return check("pairing.shard-memory", "target", title, "unknown", evidence, why, fix);
  const ratios = targets.map((t, i) => (t.bytes ? landing[i] / t.bytes : 0));
  const worst = Math.max(0, ...ratios);
  const status = worst <= 0.8 ? "pass" : worst <= 1 ? "warn" : "fail";
  return check("pairing.shard-memory", "target", title, status, `${evidence} Fullest shard: ${(worst * 100).toFixed(0)}%.`, why, fix);
}
