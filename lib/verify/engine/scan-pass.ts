import "server-only";
import type { KeyOutcome } from "./batch-context";
import { compareKeyBatch } from "./compare-batch";
import { rangeStartCursor, scanStep } from "./scan-range";
import { PerKeyBatch, type VerifyLink } from "./verify-link";
import { maybeCheckpoint, selectDb, type VerifyRun } from "./verify-run";

type Done = { keys: Buffer[]; outcomes: KeyOutcome[]; cursor: string };

/**
 * One SCAN over every db of one side, from a checkpointed db + cursor. `forward` compares source
 * keys; `reverse` scans the target for keys the source lacks (EXTRA). Up to pipelineDepth batches
 * are in flight, but results are recorded strictly in SCAN order, so a checkpoint's cursor means
 * "everything before it is accounted for".
 */
export async function scanPass(run: VerifyRun, phase: "scan" | "reverse"): Promise<void> {
  const reverse = phase === "reverse";
  const scanLink = reverse ? run.links.tgtScan : run.links.srcScan;
  const isFinal = run.rounds === 1;
  const total = reverse ? run.targetKeysTotal : run.sourceKeysTotal;
  const startDb = run.position.phase === phase ? run.position.dbIndex : 0;
  for (let d = startDb; d < run.dbs.length; d++) {
    const db = run.dbs[d];
    await selectDb(run, db);
    const range = run.opts.range;
    const from = run.position.phase === phase && d === run.position.dbIndex ? run.position.cursor : "0";
    let cursor = from === "0" && range ? rangeStartCursor(range) : from;
    const inflight: Promise<Done>[] = [];
    const settle = async () => {
      const done = await inflight.shift()!;
      for (const o of done.outcomes) {
        await run.ledger.record({ db, key: done.keys[o.index], status: o.status, detail: o.detail, fromReverse: reverse }, isFinal);
      }
      if (reverse) run.extraKeysScanned += done.keys.length;
      else run.keysCompared += done.keys.length;
      const keysDone = reverse ? run.extraKeysScanned : run.keysCompared;
      run.meter.report({ phase, round: 1, db, keysDone, keysTotal: total, mismatchesSoFar: run.ledger.count + run.ledger.pending.size });
      await maybeCheckpoint(run, { round: 1, phase, dbIndex: d, cursor: done.cursor });
    };
    let finished = false;
    const scan = (from: string) => {
      const p = scanStep(scanLink, from, run.batchSize, range);
      p.catch(() => {}); // awaited below; a prefetch abandoned by a cancel must not go unhandled
      return p;
    };
    // The next SCAN is asked for as soon as its cursor is known, so its round trip (a whole turn
    // of a busy server's event loop) overlaps the batches in flight instead of adding to them.
    let scanning = scan(cursor);
    try {
      while (!run.opts.signal?.aborted) {
        const step = await scanning;
        cursor = step.cursor;
        if (!step.done) scanning = scan(cursor);
        const keys = run.opts.keyFilter ? step.keys.filter(run.opts.keyFilter) : step.keys;
        const job = runBatch(run, reverse, keys, cursor);
        job.catch(() => {}); // awaited in order by settle(); this only marks it handled meanwhile
        inflight.push(job);
        if (inflight.length >= run.pipelineDepth) await settle();
        if (step.done) {
          finished = true;
          break;
        }
      }
    } finally {
      // Cancelled or failed: let what is in flight land so the last checkpoint is exact.
      while (inflight.length) await settle();
    }
    if (!finished) return; // cancelled; the caller throws
    await maybeCheckpoint(run, { round: 1, phase, dbIndex: d + 1, cursor: "0" }, true);
  }
}

async function runBatch(run: VerifyRun, reverse: boolean, keys: Buffer[], cursor: string): Promise<Done> {
  if (keys.length === 0) return { keys, outcomes: [], cursor };
  if (!reverse) return { keys, outcomes: await compareKeyBatch(run.ctx, keys), cursor };
  return { keys, outcomes: await keysOnlyInTarget(run.links.src, keys), cursor };
}

async function keysOnlyInTarget(src: VerifyLink, keys: Buffer[]): Promise<KeyOutcome[]> {
  const exists = await src.perKey(new PerKeyBatch([["EXISTS"]], keys));
  const out: KeyOutcome[] = [];
  exists.forEach((e, index) => {
    if (e === 0) out.push({ index, status: "EXTRA", detail: "only in target" });
  });
  return out;
}
