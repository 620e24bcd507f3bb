import "server-only";
import type { ReplicatorCore } from "./replicator-core";
import { copyKeys } from "./copy-keys";
import { sleep } from "./rate-meter";

/** Apply batches running at once; per-key exclusivity in KeyQueue keeps them from racing on a key. */
export const APPLY_CONCURRENCY = 2;
/** Longest idle wait of the apply loop when nothing wakes it. */
export const APPLY_IDLE_MS = 50;

/** Applies the keys named by events (and by repairs) until the replicator stops. */
export async function runLiveApply(core: ReplicatorCore): Promise<void> {
  const running = new Set<Promise<void>>();
  while (!core.stopped) {
    if (running.size >= APPLY_CONCURRENCY) {
      await Promise.race(running);
      continue;
    }
    const batch = core.queue.take(core.options.batchSize);
    if (!batch) {
      await core.queue.wait(APPLY_IDLE_MS);
      continue;
    }
    const job = applyBatch(core, batch).finally(() => {
      running.delete(job);
      core.queue.wake();
    });
    running.add(job);
  }
  await Promise.allSettled(running);
}

async function applyBatch(core: ReplicatorCore, batch: { db: number; keys: Buffer[]; since: number[] }): Promise<void> {
  try {
    const result = await copyKeys(core.copyContext(batch.db, null), batch.keys);
    core.queue.done(batch.db, batch.keys);
    core.recordApplied(result);
  } catch (err) {
    core.queue.done(batch.db, batch.keys, batch.since);
    if (core.stopped) return;
    core.emit("error", `applying ${batch.keys.length} changed key(s) of db ${batch.db} failed, retrying: ${(err as Error).message}`, { db: batch.db });
    await sleep(500);
  }
}
