import "server-only";
import { AppError } from "../../errors";
import type { TSlotRange } from "../../redis/cluster/cluster-types";
import { keySlot } from "../../redis/cluster/key-slot";
import { compareClusterKeyspaces } from "../../verify/engine/cluster/compare-cluster-keyspaces";
import type { TCreateReplicatorOptions, TRepairDiffOptions } from "../types";

/**
 * The repair diff of one source shard's replicator: the cluster verification of both whole ends
 * (a node alone would see every other shard's keys on the target as extra), keeping only the
 * differences whose slot this shard owns, so each one is re-copied by the replicator reading it.
 */
export function clusterRepairDiff(ends: Pick<TCreateReplicatorOptions, "source" | "target">, slots: TSlotRange[]): (o: TRepairDiffOptions) => Promise<unknown> {
  const mask = new Uint8Array(16_384);
  for (const [a, b] of slots) mask.fill(1, a, b + 1);
  return async (o) => {
    const res = await compareClusterKeyspaces({
      source: ends.source.redis,
      target: ends.target.redis,
      dbs: o.dbs,
      batchSize: o.batchSize,
      bigKeyBytes: o.bigKeyBytes,
      signal: o.signal,
      reverse: true,
      rounds: 1,
      maxMismatches: 0,
      onMismatch: (m) => (mask[keySlot(m.key)] === 1 ? o.onMismatch(m) : undefined),
    });
    // A repair that could not compare every slot must not count as one: the caller stays unrepaired
    // (and a final verification fails) until the resharding ends.
    if (res.skippedSlots) throw new AppError("CONFLICT", `Source slots ${res.skippedSlots} were being resharded and were not compared; repair again once the resharding ends.`);
    return res;
  };
}
