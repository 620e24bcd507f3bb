import "server-only";
import os from "node:os";
import { logError } from "../../log-error";
import { randomUUID } from "node:crypto";
import { claimNextVerification } from "./verification-lease";
import { runClaimedVerification, type TWorkerTiming } from "./run-claimed-verification";
import { sleep } from "../engine/verify-run";

export type TVerificationWorkerOptions = Partial<TWorkerTiming> & {
  /** How often an idle worker looks for queued runs. */
  pollMs?: number;
  /** Runs held at once (different migrations: one active run per migration is enforced at enqueue). Default 2. */
  concurrency?: number;
};

/** A worker runs a few verifications side by side, so one stuck migration never queues the others. */
export const DEFAULT_VERIFICATION_CONCURRENCY = 2;

/**
 * The background loop that runs queued verifications, up to `concurrency` at once, each under a lease in the
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
  const concurrency = Math.max(1, opts.concurrency ?? DEFAULT_VERIFICATION_CONCURRENCY);
  const shutdown = new AbortController();
  const active = new Set<Promise<void>>();
  let wake: () => void = () => {};
  const loop = (async () => {
    while (!shutdown.signal.aborted) {
      let claimed = false;
      try {
        if (active.size < concurrency) {
          const run = await claimNextVerification(timing.owner, timing.leaseMs);
          if (run) {
            claimed = true;
            const job: Promise<void> = runClaimedVerification(run, timing, shutdown.signal)
              .catch((err) => logError("[ferry] verification worker:", err))
              .finally(() => {
                active.delete(job);
                wake();
              });
            active.add(job);
          }
        }
      } catch (err) {
        logError("[ferry] verification worker:", err);
      }
      if (claimed) continue;
      // Idle or full: look again after pollMs, or as soon as a run ends.
      const ac = new AbortController();
      wake = () => ac.abort();
      const stop = () => ac.abort();
      shutdown.signal.addEventListener("abort", stop, { once: true });
      await sleep(pollMs, ac.signal);
      shutdown.signal.removeEventListener("abort", stop);
    }
    await Promise.all(active);
  })();
  return {
    owner: timing.owner,
    async stop() {
      shutdown.abort();
      await loop;
    },
  };
}
