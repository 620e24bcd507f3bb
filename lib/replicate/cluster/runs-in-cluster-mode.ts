import "server-only";
import { isClusterEnd } from "@/lib/redis/cluster/is-cluster-end";
import type { TReplicationEnd } from "../types";

/**
 * Whether an end runs in cluster mode. An end whose ACL refuses INFO, or that cannot be reached
 * now, counts as a single node: the replicator's own connect then reports the real failure.
 */
export function runsInClusterMode(end: TReplicationEnd): Promise<boolean> {
  return isClusterEnd(end.redis).catch(() => false);
}
