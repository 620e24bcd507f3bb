import type { TClusterFacts } from "./cluster-facts";
import { check, type CheckSide, type PreflightCheck } from "./types";

/** No slot is migrating or importing: during a reshard keys answer ASK and move under the migration. */
export function clusterReshardingCheck(side: Exclude<CheckSide, "network">, f: TClusterFacts): PreflightCheck {
  const moves = f.topology.moves;
  const listed = moves.slice(0, 8).map((m) => `slot ${m.slot} ${m.state} on ${m.nodeId.slice(0, 8)}`).join(", ");
  return check(`${side}.cluster-resharding`, side, `No slot of the ${side} is being resharded`, moves.length === 0 ? "pass" : "fail",
    moves.length === 0 ? "CLUSTER NODES on every primary shows no migrating or importing slot." : `${moves.length} slot state(s): ${listed}${moves.length > 8 ? ", ..." : ""}.`,
    "While a slot migrates its keys live on two nodes; a replica per shard, a scan per primary and a verification by slot would each see part of them.",
    "Let the resharding finish (`redis-cli --cluster reshard` / the ElastiCache modification), or abandon it with `CLUSTER SETSLOT <slot> STABLE` on both nodes, then run the checks again.");
}
