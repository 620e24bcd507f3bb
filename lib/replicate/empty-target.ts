import "server-only";
import { connectRedis } from "../redis/connect";
import { AppError } from "../errors";
import { emptyClusterTarget } from "./cluster/empty-cluster-target";
import type { TReplicationEnd } from "./types";

/**
 * The operator's "empty the target first": FLUSHDB of each given db (FLUSHALL when none are
 * given), only when `typedName` repeats the target's label exactly. The only place the
 * replication engine sends a flush; the replicator's own writer refuses it.
 */
export async function emptyTarget(target: TReplicationEnd, typedName: string, dbs?: number[]): Promise<void> {
  if (typedName.trim() !== target.label.trim()) {
    throw new AppError("INVALID_INPUT", `Type the target's name (${target.label}) to empty it.`);
  }
  const client = await connectRedis(target.redis, { role: "target", connectionName: "ferry-empty-target" });
  try {
    if (await emptyClusterTarget(target, client)) return; // a cluster has db 0 only: every primary flushed
    if (!dbs || dbs.length === 0) await client.flushall();
    else for (const db of dbs) {
      await client.select(db);
      await client.flushdb();
    }
  } finally {
    client.disconnect();
  }
}
