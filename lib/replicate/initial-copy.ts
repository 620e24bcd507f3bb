import "server-only";
import type { ReplicatorCore } from "./replicator-core";
import { copyKeys } from "./copy-keys";
import type { CopyResult } from "./copy-context";
import { isTempKey } from "./temp-key-name";
import { sleep } from "./rate-meter";
import { isError } from "./verify-bridge";
import type { ScanWatch } from "./key-queue";
import { ttlFreeScan } from "./ttl-free-db";

/**
 * Copy batches in flight at once per db: while one batch's RESTOREs are on their way to the
 * target, the next ones are being scanned and read, so the source, the target and Ferry all
 * stay busy. On a busy 2-core machine each of the three processes waits for a CPU after every
 * hand-off, so the others need enough queued work to run on meanwhile: 8 measured faster than 4
 * (bench/replicate.ts), at ~100 KB of payloads per batch. A crash re-copies the batches past the
 * saved cursor: these, plus any that landed while the last checkpoint save ran (RESTORE REPLACE
 * is idempotent).
 */
export const SCAN_PIPELINE_DEPTH = 8;
/** Pause before retrying after a failed batch (connection lost, timeout). */
export const RETRY_DELAY_MS = 1_000;

type Done = { cursor: string; result: CopyResult };

/**
 * SCANs every db from its checkpointed cursor and copies each batch. Batches settle in SCAN order,
 * so a checkpointed cursor means "every key before it was copied". On an error the in-flight
 * batches land, the cursor goes back to the last checkpoint and the copy resumes from there.
 */
export async function runInitialCopy(core: ReplicatorCore): Promise<void> {
  const { options } = core;
  for (const db of options.dbs) {
    const state = (core.cp.dbs[String(db)] ??= { cursor: "0", scanDone: false });
    while (!state.scanDone && !core.stopped) {
      const inflight: Promise<Done>[] = [];
      const settle = async () => {
        const done = await inflight.shift()!;
        state.cursor = done.cursor;
        core.recordCopied(done.result);
        if (done.cursor === "0") state.scanDone = true;
        // Not awaited: a slow store merges saves (saveCheckpoint) instead of stalling the copy.
        void core.saveCheckpoint();
      };
      try {
        const ttlFree = await ttlFreeScan(core, db);
        let cursor = state.cursor;
        const scan = (from: string) => {
          const p = core.scanLink(db).run((l) => l.send([["SCAN", from, "COUNT", options.batchSize]]));
          p.catch(() => {}); // awaited below; a prefetch abandoned by a stop must not go unhandled
          return p;
        };
        // The next SCAN is sent as soon as its cursor is known, on the scan link (core.scanLink), so
        // its round trip overlaps the copy instead of waiting behind the batches' reads.
        let scanning = scan(cursor);
        do {
          const [reply] = await scanning;
          if (isError(reply)) throw reply;
          const [next, found] = reply as [Buffer, Buffer[]];
          cursor = next.toString("latin1");
          if (cursor !== "0") scanning = scan(cursor);
          const job = copyBatch(core, db, found.filter((k) => !isTempKey(k)), cursor, ttlFree);
          job.catch(() => {}); // awaited in order by settle()
          inflight.push(job);
          if (inflight.length >= SCAN_PIPELINE_DEPTH) await settle();
        } while (cursor !== "0" && !core.stopped);
        while (inflight.length) await settle();
      } catch (err) {
        await Promise.allSettled(inflight);
        if (core.stopped) return;
        core.emit("error", `initial copy of db ${db} failed, retrying from the last checkpoint: ${(err as Error).message}`, { db });
        await sleep(RETRY_DELAY_MS);
      }
    }
  }
}

async function copyBatch(core: ReplicatorCore, db: number, keys: Buffer[], cursor: string, ttlFree: (w: ScanWatch) => boolean): Promise<Done> {
  // Watch before the first read: an event for one of these keys from now on wins over this read.
  const watch = core.queue.watch(db);
  try {
    return { cursor, result: await copyKeys({ ...core.copyContext(db, watch), readTtls: !ttlFree(watch) }, keys) };
  } finally {
    core.queue.unwatch(watch);
  }
}
