import { CLUSTER_SLOTS, slotRangeOf } from "../redis-cluster";
import { invalidParameterValue } from "../http/api-error";
import { parseSlots } from "./cluster-group-nodes";

export type ShardLayout = { slots: string; replicas: number };

/**
 * The node groups of a cluster-mode-enabled CreateReplicationGroup: NodeGroupConfiguration's Slots
 * and ReplicaCount where given, else an even split (as redis-cli splits) and ReplicasPerNodeGroup.
 * The slots must cover 0-16383 exactly once, or the cluster could never reach cluster_state:ok.
 */
export function shardLayout(count: number, replicasPerNodeGroup: number, config: Record<string, string>[]): ShardLayout[] {
  const layout = Array.from({ length: count }, (_, s): ShardLayout => {
    const c = config[s] ?? {};
    const replicas = c.ReplicaCount !== undefined ? Number(c.ReplicaCount) : replicasPerNodeGroup;
    if (!Number.isInteger(replicas) || replicas < 0 || replicas > 5) throw invalidParameterValue("ReplicaCount must be between 0 and 5.");
    if (c.Slots !== undefined && !/^\d{1,5}-\d{1,5}$/.test(c.Slots)) {
      throw invalidParameterValue(`Invalid Slots ${c.Slots}: give one range per node group, e.g. 0-5460.`);
    }
    const [a, b] = slotRangeOf(s, count);
    return { slots: c.Slots ?? `${a}-${b}`, replicas };
  });
  const ranges = layout.map((l) => parseSlots(l.slots)).sort((x, y) => x[0] - y[0]);
  let next = 0;
  for (const [a, b] of ranges) {
    if (a !== next || b < a || b >= CLUSTER_SLOTS) {
      throw invalidParameterValue(`The node groups' Slots must cover 0-${CLUSTER_SLOTS - 1} exactly once, without gaps or overlaps.`);
    }
    next = b + 1;
  }
  if (next !== CLUSTER_SLOTS) throw invalidParameterValue(`The node groups' Slots must cover 0-${CLUSTER_SLOTS - 1} exactly once, without gaps or overlaps.`);
  return layout;
}
