import "server-only";
import { isClusterEnd } from "../../redis/cluster/is-cluster-end";
import type { TFlowContext } from "../types";

/**
 * How many dbs a replicator copies between the migration's ends: a cluster (on either end) has
 * db 0 only and refuses SELECT of any other, so the endpoint's registered db count holds only
 * between single nodes. Read from the world each time: the registration does not say.
 */
export async function replicationDbCount(ctx: Pick<TFlowContext, "source" | "target">, dbCount: number): Promise<number> {
  const ends = await Promise.all([ctx.source(), ctx.target()]);
  const clustered = await Promise.all(ends.map((e) => isClusterEnd(e.redis)));
  return clustered.some(Boolean) ? 1 : dbCount;
}
