import "server-only";
import os from "node:os";
import { randomUUID } from "node:crypto";
import { claimNextVerification } from "./verification-lease";
import { runClaimedVerification, type TWorkerTiming } from "./run-claimed-verification";
import { sleep } from "../engine/verify-run";

export type TVerificationWorkerOptions = Partial<TWorkerTiming> & {
  /** How often an idle worker looks for queued runs. */
  pollMs?: number;
};

/**
 * The background loop that runs queued verifications one at a time, under a lease in the
 * database: a worker that dies stops renewing, and any other worker resumes the run from its
 * checkpoint once the lease has expired. Started by lib/background.ts (or `npm run worker`).
 */
export function startVerificationWorker(opts: TVerificationWorkerOptions = {}): { owner: string; stop(): Promise<void> } {
  const leaseMs = opts.leaseMs ?? 30_000;
  const timing: TWorkerTiming = {
    owner: opts.owner ?? `verify-${os.hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`,
    leaseMs,
    heartbeatMs: opts.heartbeatMs ?? Math.min(1000, Math.floor(leaseMs / 3)),
    checkpointIntervalMs: opts.checkpointIntervalMs ?? 2000,
  };
  const pollMs = opts.pollMs ?? 2000;
  const shutdown = new AbortController();
  const loop = (async () => {
    while (!shutdown.signal.aborted) {
      try {
        const run = await claimNextVerification(timing.owner, timing.leaseMs);
        if (run) {
          await runClaimedVerification(run, timing, shutdown.signal);
          continue;
        }
      } catch (err) {
        console.error("[ferry] verification worker:", err);
      }
      await sleep(pollMs, shutdown.signal);
    }
  })();
  return {
    owner: timing.owner,
    async stop() {
      shutdown.abort();
      await loop;
    },
  };
}
