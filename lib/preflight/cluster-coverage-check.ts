import { formatRanges } from "../redis/cluster/slot-coverage";
import type { TClusterFacts } from "./cluster-facts";
import { check, type CheckSide, type PreflightCheck } from "./types";

/** Every one of the 16384 slots has an owner: keys in an unowned slot cannot be read or written. */
export function clusterCoverageCheck(side: Exclude<CheckSide, "network">, f: TClusterFacts): PreflightCheck {
  const t = f.topology;
  const evidence = `${t.slotsCovered} of 16384 slots are assigned across ${t.shards.length} shard(s)${t.gaps.length ? `; unassigned: ${formatRanges(t.gaps)}` : ""} (${t.readWith}).`;
  return check(`${side}.cluster-coverage`, side, `The ${side} cluster covers every slot`, t.gaps.length === 0 ? "pass" : "fail", evidence,
    "A slot with no owner makes the cluster refuse every key hashing there (CLUSTERDOWN with cluster-require-full-coverage), so neither replication nor verification can move them.",
    `Assign the missing slots: \`redis-cli --cluster fix ${t.shards[0]?.primary.host ?? "<node>"}:${t.shards[0]?.primary.port ?? 6379}\`, or CLUSTER ADDSLOTSRANGE ${t.gaps[0]?.join(" ") ?? "<first> <last>"} on the node that should own them.`);
}
