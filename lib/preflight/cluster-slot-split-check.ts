import type { TSlotRange } from "../redis/cluster/cluster-types";
import { formatRanges, mergeRanges } from "../redis/cluster/slot-coverage";
import type { TClusterFacts } from "./cluster-facts";
import { check, type PreflightCheck } from "./types";

/**
 * Online migration pairs shards by slots: with equal counts, AWS moves the target's slots to the
 * source's split before replicating (a resharding, which takes time on a large target). Ranges
 * are compared as sets, so the order AWS lists NodeGroups in does not matter.
 */
export function clusterSlotSplitCheck(source: TClusterFacts, targetShards: TSlotRange[][] | null): PreflightCheck {
  const title = "Target shards own the same slots as the source's";
  const why = "Each target shard's primary replicates the source shard owning the same slots; when the split differs, AWS reshards the target first so every shard has exactly one source.";
  const src = source.topology.shards.map((s) => formatRanges(mergeRanges(s.slots)));
  if (targetShards === null) return check("pairing.slot-split", "target", title, "unknown", `source shards: ${src.join(" | ")}; the target's slots are unknown.`, why, "Make the target reachable (or visible through DescribeReplicationGroups) and run the checks again.");
  const tgt = targetShards.map((r) => formatRanges(mergeRanges(r)));
  const evidence = `source shards: ${src.join(" | ")}; target shards: ${tgt.join(" | ")}.`;
  if (src.length !== tgt.length) {
    return check("pairing.slot-split", "target", title, "fail", evidence, why, `Give the target ${src.length} shard(s) (ElastiCache: Modify → number of shards, or \`aws elasticache modify-replication-group-shard-configuration --node-group-count ${src.length}\`).`);
  }
  const same = new Set(tgt);
  const differ = src.filter((r) => !same.has(r));
  if (differ.length === 0) return check("pairing.slot-split", "target", title, "pass", evidence, why);
  return check("pairing.slot-split", "target", title, "warn", `${evidence} ${differ.length} source shard(s) have no target shard with the same slots: AWS will reshard the target to the source's split when the migration starts (slower start; no action needed).`, why,
    "Optional: create the target with NodeGroupConfiguration slots matching the source's split to skip the resharding.");
}
