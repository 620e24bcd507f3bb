import "server-only";
import { AppError } from "@/lib/errors";
import type { VerifyCheckpoint } from "./checkpoint";
import type { BatchContext } from "./batch-context";
import type { MismatchLedger } from "./mismatch-ledger";
import type { ProgressMeter } from "./progress-meter";
import type { CompareKeyspacesOptions, CompareMode } from "./types";
import type { VerifyLink } from "./verify-link";

/** The lean sockets: a separate SCAN link per side so SCAN never queues behind DUMP batches. */
export type Links = { srcScan: VerifyLink; src: VerifyLink; tgtScan: VerifyLink; tgt: VerifyLink };

export type Position = Pick<VerifyCheckpoint, "round" | "phase" | "dbIndex" | "cursor">;

/** Shared state of one verification, passed to the passes instead of a dozen arguments. */
export type VerifyRun = {
  opts: CompareKeyspacesOptions;
  mode: CompareMode;
  rounds: number;
  batchSize: number;
  pipelineDepth: number;
  ctx: BatchContext;
  links: Links;
  ledger: MismatchLedger;
  meter: ProgressMeter;
  dbs: number[];
  sourceKeysTotal: number;
  targetKeysTotal: number;
  keysCompared: number;
  extraKeysScanned: number;
  /** Time spent before a resume, so durations add up across restarts. */
  elapsedBefore: number;
  /** Time spent in the forward scan (this process and before a resume): the honest keys/s divisor. */
  scanMs: number;
  startedAt: number;
  lastCheckpointAt: number;
  position: Position;
};

export function throwIfCancelled(run: VerifyRun): void {
  if (run.opts.signal?.aborted) throw new AppError("VERIFY_CANCELLED", "verification cancelled");
}

export async function selectDb(run: VerifyRun, db: number): Promise<void> {
  const { srcScan, src, tgtScan, tgt } = run.links;
  const links = [...new Set([srcScan, src, tgtScan, tgt])];
  await Promise.all(links.map(async (l) => {
    const [r] = await l.send([["SELECT", db]]);
    if (r instanceof Error) throw new AppError("REDIS_ERROR", `SELECT ${db} failed: ${r.message}`);
  }));
}

export function buildCheckpoint(run: VerifyRun): VerifyCheckpoint {
  return {
    version: 1,
    mode: run.mode,
    dbs: run.dbs,
    ...run.position,
    ...run.ledger.snapshot(),
    keysCompared: run.keysCompared,
    extraKeysScanned: run.extraKeysScanned,
    elapsedMs: run.elapsedBefore + (Date.now() - run.startedAt),
    scanMs: run.scanMs,
  };
}

/** Emits a checkpoint if the caller wants them and the interval has passed (or `force`). */
export async function maybeCheckpoint(run: VerifyRun, position: Position, force = false): Promise<void> {
  run.position = position;
  const every = run.opts.checkpointIntervalMs ?? 2000;
  if (!run.opts.onCheckpoint || (!force && Date.now() - run.lastCheckpointAt < every)) return;
  run.lastCheckpointAt = Date.now();
  await run.opts.onCheckpoint(buildCheckpoint(run));
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener("abort", done, { once: true });
  });
}
