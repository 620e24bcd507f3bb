/**
 * The verification engine's entry point (framework-free: no database, no Next.js).
 *
 *   const result = await compareKeyspaces({ source: { endpoint, readOnly: true }, target: { endpoint },
 *     onMismatch: (m) => ..., signal });
 *
 * Every final difference is streamed to `onMismatch` as { db, key (exact bytes), keyDisplay,
 * status: MISSING | TYPE | VALUE | TTL | EXTRA, detail }, in scan order, and the first
 * `maxMismatches` are also in `result.mismatches`. A caller that repairs (lib/replicate) takes the
 * keys from onMismatch; `rounds: 1` reports at once instead of re-checking suspects. Resumable
 * through onCheckpoint / resumeFrom; the jobs layer (lib/verify/jobs) persists those.
 */
import "server-only";
import { AppError } from "@/lib/errors";
import { ByteBudget } from "./byte-budget";
import { ZVerifyCheckpoint } from "./checkpoint";
import type { BatchContext } from "./batch-context";
import { compareCounts, readKeyspaceInfo } from "./keyspace-counts";
import { MismatchLedger } from "./mismatch-ledger";
import { ProgressMeter } from "./progress-meter";
import { recheckRound } from "./recheck-round";
import { scanPass } from "./scan-pass";
import { scriptPayloadCap } from "./script-probe";
import type { CompareKeyspacesOptions, CompareKeyspacesResult } from "./types";
import { enableNoTouch } from "./no-touch-links";
import { closeLinks, mostStalledMs, openLinks } from "./open-links";
import { buildCheckpoint, sleep, throwIfCancelled, type VerifyRun } from "./verify-run";
import { NO_TOUCH_MISSING_NOTE } from "@/lib/redis/no-touch";

/** Default cap on DUMP and value replies held at once (both ends, every batch in flight). */
export const MAX_BYTES_IN_FLIGHT = 64 * 1024 * 1024;

/**
 * Compares two keyspaces key by key (and their INFO keyspace counts), in rounds, without ever
 * writing to either end. See CompareKeyspacesOptions for the knobs; throws AppError
 * VERIFY_CANCELLED (with the checkpoint in `detail.checkpoint`) when the signal aborts, and
 * REDIS_TIMEOUT naming the end ("source host:port sent no reply for 10 s") when one goes silent.
 */
export async function compareKeyspaces(opts: CompareKeyspacesOptions): Promise<CompareKeyspacesResult> {
  const resume = opts.resumeFrom ? ZVerifyCheckpoint.parse(opts.resumeFrom) : undefined;
  const mode = opts.mode ?? "full";
  if (resume && resume.mode !== mode) throw new AppError("INVALID_INPUT", `checkpoint is for mode ${resume.mode}, not ${mode}`);
  opts.liveness?.connecting();
  const links = await openLinks(opts);
  // A frozen server never answers: closing the sockets rejects what is owed, so Cancel and
  // shutdown land at once instead of after the reply deadline.
  const onAbort = () => closeLinks(links);
  opts.signal?.addEventListener("abort", onAbort, { once: true });
  if (opts.signal?.aborted) onAbort();
  opts.liveness?.attach(() => mostStalledMs(links));
  try {
    const [noTouch] = await Promise.all([enableNoTouch([links.src, links.srcScan]), enableNoTouch([links.tgt, links.tgtScan])]);
    const [sInfo, tInfo] = await Promise.all([readKeyspaceInfo(links.src), readKeyspaceInfo(links.tgt)]);
    const dbs = resume?.dbs ?? opts.dbs ?? [...new Set([...sInfo.keys(), ...(opts.reverse ? tInfo.keys() : [])])].sort((a, b) => a - b);
    const sum = (info: typeof sInfo) => dbs.reduce((n, db) => n + (info.get(db)?.keys ?? 0), 0);
    const batchSize = opts.batchSize ?? 1000;
    const pipelineDepth = Math.max(1, opts.pipelineDepth ?? 4);
    const budgetBytes = opts.maxBytesInFlight ?? MAX_BYTES_IN_FLIGHT;
    const ctx: BatchContext = {
      src: links.src,
      tgt: links.tgt,
      mode,
      ttlToleranceMs: opts.ttlToleranceMs ?? 2000,
      bigKeyBytes: opts.bigKeyBytes ?? 1024 * 1024,
      limits: { elements: opts.chunkElements ?? 1000, bytes: opts.chunkBytes ?? 512 * 1024 },
      memoryProbe: true,
      budget: new ByteBudget(budgetBytes),
      scriptRead: opts.scriptRead ?? false,
      scriptPayloadCap: scriptPayloadCap(budgetBytes, pipelineDepth, batchSize),
    };
    const run: VerifyRun = {
      opts, mode, ctx, links, dbs,
      rounds: Math.max(1, opts.rounds ?? 3),
      batchSize,
      pipelineDepth,
      ledger: new MismatchLedger(opts.maxMismatches ?? 1000, opts.maxRecheckKeys ?? 100_000, opts.onMismatch),
      meter: new ProgressMeter(opts.onProgress, opts.progressIntervalMs ?? 500),
      sourceKeysTotal: sum(sInfo),
      targetKeysTotal: sum(tInfo),
      keysCompared: resume?.keysCompared ?? 0,
      extraKeysScanned: resume?.extraKeysScanned ?? 0,
      elapsedBefore: resume?.elapsedMs ?? 0,
      scanMs: resume?.scanMs ?? 0,
      startedAt: Date.now(),
      lastCheckpointAt: Date.now(),
      position: resume ? { round: resume.round, phase: resume.phase, dbIndex: resume.dbIndex, cursor: resume.cursor } : { round: 1, phase: "scan", dbIndex: 0, cursor: "0" },
    };
    if (resume) run.ledger.restore(resume);
    let roundsRun = 1;
    try {
      run.meter.report({ phase: "counts", round: 1, db: dbs[0] ?? 0, keysDone: 0, keysTotal: run.sourceKeysTotal, mismatchesSoFar: 0 }, true);
      if (run.position.round === 1 && run.position.phase === "scan") {
        const scanStart = Date.now();
        try {
          await scanPass(run, "scan");
        } finally {
          run.scanMs += Date.now() - scanStart;
        }
      }
      throwIfCancelled(run);
      if (run.position.round === 1 && opts.reverse) await scanPass(run, "reverse");
      throwIfCancelled(run);
      for (let round = Math.max(2, run.position.round); round <= run.rounds && run.ledger.pending.size > 0; round++) {
        const resumingThisRound = run.position.round === round && run.position.phase === "recheck";
        if (!resumingThisRound) await sleep(opts.roundDelayMs ?? 5000, opts.signal);
        throwIfCancelled(run);
        await recheckRound(run, round);
        roundsRun = round;
      }
      await run.ledger.finalizePending();
    } catch (err) {
      if (opts.signal?.aborted || (err instanceof AppError && err.code === "VERIFY_CANCELLED")) {
        const checkpoint = buildCheckpoint(run);
        await opts.onCheckpoint?.(checkpoint);
        throw new AppError("VERIFY_CANCELLED", "verification cancelled", { checkpoint });
      }
      throw err;
    }
    const [sAfter, tAfter] = await Promise.all([readKeyspaceInfo(links.src), readKeyspaceInfo(links.tgt)]);
    const durationMs = run.elapsedBefore + (Date.now() - run.startedAt);
    const { ledger } = run;
    run.meter.report({ phase: "done", round: roundsRun, db: dbs[dbs.length - 1] ?? 0, keysDone: run.keysCompared, keysTotal: run.keysCompared, mismatchesSoFar: ledger.count }, true);
    return {
      mode,
      dbs,
      counts: compareCounts(dbs, sAfter, tAfter),
      totals: { ...ledger.totals, OK: Math.max(0, run.keysCompared - ledger.fromScan) },
      mismatches: ledger.retained,
      mismatchCount: ledger.count,
      truncated: ledger.count > ledger.retained.length,
      keysCompared: run.keysCompared,
      extraKeysScanned: run.extraKeysScanned,
      durationMs,
      scanMs: Math.round(run.scanMs),
      keysPerSec: run.scanMs > 0 ? Math.round((run.keysCompared / run.scanMs) * 1000) : 0,
      roundsRun,
      notRechecked: ledger.notRechecked,
      resumed: Boolean(resume),
      peakBytesInFlight: ctx.budget.peak,
      scriptRead: ctx.scriptRead,
      sourceNoTouch: noTouch,
      notes: noTouch ? [] : [NO_TOUCH_MISSING_NOTE],
    };
  } finally {
    opts.signal?.removeEventListener("abort", onAbort);
    opts.liveness?.detach();
    closeLinks(links);
  }
}
