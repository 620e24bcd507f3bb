import type { TSlotRange } from "../redis/cluster/cluster-types";
import { clusterCoverageCheck } from "./cluster-coverage-check";
import type { TClusterFacts } from "./cluster-facts";
import { clusterNotificationsCheck } from "./cluster-notifications-check";
import { clusterReshardingCheck } from "./cluster-resharding-check";
import { clusterShardMemoryCheck, type TTargetShardCapacity } from "./cluster-shard-memory-check";
import { clusterShardSettingsCheck } from "./cluster-shard-settings-check";
import { clusterShardVersionsCheck } from "./cluster-shard-versions-check";
import { clusterSlotSplitCheck } from "./cluster-slot-split-check";
import type { ElastiCacheFacts } from "./elasticache-checks";
import type { EndpointFacts, EvaluateInput } from "./evaluate-preflight";
import { usableNodeBytes } from "./node-memory";
import { check, type PreflightCheck } from "./types";

/** The per-shard checks, for whichever end runs in cluster mode (none when neither does). */
export function clusterChecks(input: EvaluateInput): PreflightCheck[] {
  const out: PreflightCheck[] = [];
  const s = sideFacts("source", input.source, out);
  const t = input.target ? sideFacts("target", input.target, out) : null;
  for (const [side, f] of [["source", s], ["target", t]] as const) {
    if (f) out.push(clusterCoverageCheck(side, f), clusterReshardingCheck(side, f), clusterShardVersionsCheck(side, f), clusterShardSettingsCheck(side, f));
  }
  if (!s) return out;
  const ec = input.target?.elasticache ?? null;
  if (input.strategy === "online" || input.strategy === "replicaof") out.push(clusterSlotSplitCheck(s, t ? t.topology.shards.map((x) => x.slots) : ecSlots(ec)));
  const capacities = t ? t.primaries.map((p) => ({ label: p.label, slots: p.slots, bytes: p.maxmemory })) : ecCapacities(ec);
  if (capacities && input.strategy !== "snapshot") out.push(clusterShardMemoryCheck(s, capacities));
  if (input.strategy === "replicate") out.push(clusterNotificationsCheck(s));
  return out;
}

function sideFacts(side: "source" | "target", e: EndpointFacts, out: PreflightCheck[]): TClusterFacts | null {
  if (!e.cluster) return null;
  if (e.cluster.value) return e.cluster.value;
  out.push(check(`${side}.cluster-topology`, side, `Ferry can read the ${side} cluster's shards`, "fail", e.cluster.error,
    "Every per-shard check (slot coverage, resharding, versions, memory, notifications) reads the cluster's own view of its shards.",
    "Allow CLUSTER SHARDS / CLUSTER NODES for Ferry's user (`+cluster|shards +cluster|nodes`), and make every primary reachable."));
  return null;
}

/** `NodeGroups[].Slots` ("0-5460" or "0-100,200-300") of a cluster-mode ElastiCache group. */
function ecSlots(ec: ElastiCacheFacts | null): TSlotRange[][] | null {
  const groups = ec?.replicationGroup.ClusterEnabled ? ec.replicationGroup.NodeGroups : undefined;
  if (!groups?.length || groups.some((g) => !g.Slots)) return null;
  return groups.map((g) => g.Slots!.split(",").map((r) => {
    const [a, b] = r.split("-").map(Number);
    return [a, Number.isInteger(b) ? b : a] as TSlotRange;
  }));
}

function ecCapacities(ec: ElastiCacheFacts | null): TTargetShardCapacity[] | null {
  const slots = ecSlots(ec);
  if (!slots || !ec) return null;
  const bytes = usableNodeBytes(ec.replicationGroup.CacheNodeType);
  return slots.map((r, i) => ({ label: ec.replicationGroup.NodeGroups?.[i]?.NodeGroupId ?? `shard ${i + 1}`, slots: r, bytes }));
}
