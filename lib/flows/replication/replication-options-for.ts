import { DEFAULT_REPLICATION_OPTIONS, type TReplicationOptions } from "../../replicate/types";
import type { TReplicateOptions } from "../../replication-store/replicate-options";

/** The engine's options from the operator's: every db of the source (a key may appear in any of them later). */
export function replicationOptionsFor(o: TReplicateOptions, dbCount: number): TReplicationOptions {
  const dbs = Array.from({ length: Math.max(1, Math.min(dbCount, 64)) }, (_, i) => i);
  return { ...DEFAULT_REPLICATION_OPTIONS, dbs, copyMode: o.copyMode, bigKeyBytes: o.bigKeyBytes };
}
