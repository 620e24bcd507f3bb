import "server-only";
import { compareKeyBatch } from "./compare-batch";
import { maybeCheckpoint, selectDb, throwIfCancelled, type VerifyRun } from "./verify-run";

/**
 * A later round: only the keys that differed are compared again. A key that now agrees is
 * dropped; one that still differs keeps its newest status and detail.
 */
export async function recheckRound(run: VerifyRun, round: number): Promise<void> {
  const byDb = new Map<number, { key: Buffer; fromReverse: boolean }[]>();
  for (const p of run.ledger.pending.values()) {
    const list = byDb.get(p.db) ?? [];
    list.push({ key: p.key, fromReverse: p.fromReverse });
    byDb.set(p.db, list);
  }
  const total = run.ledger.pending.size;
  let done = 0;
  await maybeCheckpoint(run, { round, phase: "recheck", dbIndex: 0, cursor: "0" }, true);
  for (const [db, entries] of byDb) {
    await selectDb(run, db);
    for (let i = 0; i < entries.length; i += run.batchSize) {
      throwIfCancelled(run);
      const slice = entries.slice(i, i + run.batchSize);
      const outcomes = await compareKeyBatch(run.ctx, slice.map((e) => e.key));
      const still = new Map(outcomes.map((o) => [o.index, o]));
      slice.forEach((e, j) => {
        const o = still.get(j);
        if (!o) run.ledger.resolve(db, e.key);
        // A reverse-pass key stays "only in target" unless the source gained it meanwhile.
        else run.ledger.update({ db, key: e.key, status: o.status, detail: o.status === "EXTRA" && e.fromReverse ? "only in target" : o.detail, fromReverse: e.fromReverse });
      });
      done += slice.length;
      run.meter.report({ phase: "recheck", round, db, keysDone: done, keysTotal: total, mismatchesSoFar: run.ledger.count + run.ledger.pending.size });
    }
  }
}
