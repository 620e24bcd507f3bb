import "server-only";
import { isClusterEnd } from "../../verify/engine/cluster/is-cluster-end";
import type { TReplicationEnd, TTargetWriter } from "../types";
import { SlotRoutedTarget } from "./slot-routed-target";

/**
 * The `targetLink` option for a replicator writing to `target`: a slot-routed writer per db when
 * the target runs in cluster mode, undefined (one LeanLink per db, the engine's default) otherwise.
 */
export async function slotRoutedTargets(target: TReplicationEnd, dbs: number[]): Promise<((db: number) => TTargetWriter) | undefined> {
  if (!(await isClusterEnd(target.redis))) return undefined;
  const links = new Map(await Promise.all(dbs.map(async (db) => [db, await SlotRoutedTarget.open(target, db)] as const)));
  return (db) => links.get(db)!;
}
