import "server-only";
import { createReplicator } from "../create-replicator";
import type { Replicator, TCreateReplicatorOptions } from "../types";
import { createClusterReplicator } from "./create-cluster-replicator";
import { runsInClusterMode } from "./runs-in-cluster-mode";
import { slotRoutedTargets } from "./slot-routed-targets";

/**
 * The replicator for any two ends: one per source primary when the source runs in cluster mode,
 * one for a single source otherwise; either writes by slot when the target runs in cluster mode.
 */
export async function openReplicatorForEnds(input: TCreateReplicatorOptions): Promise<Replicator> {
  if (await runsInClusterMode(input.source)) return createClusterReplicator(input);
  return createReplicator({ ...input, ...(await slotRoutedTargets(input.target, input.options.dbs)) });
}
