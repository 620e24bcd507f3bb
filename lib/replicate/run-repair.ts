import "server-only";
import type { ReplicatorCore } from "./replicator-core";
import type { TDifferenceKinds, TRepairResult } from "./types";
import { describeKinds } from "./describe-kinds";
import { sleep } from "./rate-meter";
import { isTempKey } from "./temp-key-name";
import { compareKeyspaces, redisEndpointToResp } from "./verify-bridge";

/** Differences waiting in the queue before the diff pauses: a repair after a flush of millions stays bounded. */
export const REPAIR_QUEUE_CEILING = 50_000;

/**
 * The verification engine's one-round diff of both ends (forward for MISSING/TYPE/VALUE/TTL,
 * reverse for EXTRA), each difference queued like a keyspace event: the live apply re-reads the
 * source and RESTOREs it, or deletes it from the target when the source no longer has it.
 * needsRepair is cleared only when no loss signal arrived while the repair ran.
 */
export function runRepair(core: ReplicatorCore): Promise<TRepairResult> {
  core.repairing ??= (async () => {
    const generation = core.lossGeneration;
    core.emit("repair-started", "repair pass started: comparing source and target key by key");
    let differences = 0;
    // By kind, for the timeline and the report: "1 difference (TTL)" says what a bare count cannot.
    const byKind: TDifferenceKinds = {};
    try {
      const diff = core.o.repairDiff ?? ((o) => compareKeyspaces({
        source: { endpoint: redisEndpointToResp(core.o.source.redis), readOnly: true },
        target: { endpoint: redisEndpointToResp(core.o.target.redis) },
        reverse: true,
        rounds: 1,
        maxMismatches: 0,
        ...o,
      }));
      await diff({
        dbs: core.options.dbs,
        batchSize: core.options.batchSize,
        bigKeyBytes: core.options.bigKeyBytes,
        signal: core.abort.signal,
        onMismatch: async (m) => {
          if (isTempKey(m.key)) return; // a type-level copy in progress on the target, not a difference
          differences++;
          byKind[m.status] = (byKind[m.status] ?? 0) + 1;
          core.queue.push(m.db, m.key);
          while (core.queue.size > REPAIR_QUEUE_CEILING && !core.stopped) await sleep(20);
        },
      });
      while ((core.queue.size > 0 || core.queue.busy > 0) && !core.stopped) await sleep(10);
      if (core.lossGeneration === generation) core.cp.needsRepair = false;
      core.repairs++;
      const result: TRepairResult = { differences, fixed: differences, byKind };
      core.lastRepair = { at: new Date().toISOString(), ...result };
      core.emit("repair-finished", `repair pass finished: ${differences} difference(s) found and re-copied${describeKinds(byKind)}`, { differences, byKind });
      await core.saveCheckpoint();
      return result;
    } catch (err) {
      core.emit("error", `repair pass failed: ${(err as Error).message}`);
      throw err;
    } finally {
      core.repairing = null;
    }
  })();
  return core.repairing;
}
