import "server-only";
import { runsInClusterMode } from "./runs-in-cluster-mode";
import type { TCreateReplicatorOptions, TReplicationEnd } from "../types";
import { SlotRoutedTarget } from "./slot-routed-target";

/**
 * The target options of a replicator writing to `target`: a slot-routed writer per db and slot-routed
 * sampled reads when the target runs in cluster mode, none (the engine's single-node links) otherwise.
 */
export async function slotRoutedTargets(target: TReplicationEnd, dbs: number[]): Promise<Pick<TCreateReplicatorOptions, "targetLink" | "sampleTargetLink">> {
  if (!(await runsInClusterMode(target))) return {};
  const links = new Map(await Promise.all(dbs.map(async (db) => [db, await SlotRoutedTarget.open(target, db)] as const)));
  return {
    targetLink: (db) => links.get(db)!,
    // Sampled comparisons run on db 0 only in a cluster; each gets its own read-only links, closed with it.
    sampleTargetLink: async () => (await SlotRoutedTarget.open(target, 0, "source")).routed(),
  };
}
