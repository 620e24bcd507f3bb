import "server-only";
import os from "node:os";
import { logError } from "../../log-error";
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import { recordEvent } from "@/lib/events/record-event";
import { AppError } from "@/lib/errors";
import type { VerificationRun } from "@prisma/client";
import { claimNextVerification } from "./verification-lease";
import { claimNextUnit, VERIFICATION_LEASE_MS } from "./unit-lease";
import { planVerificationUnits } from "./plan-verification-units";
import { runClaimedUnit, type TWorkerTiming } from "./run-claimed-unit";
import { settleForgottenRuns } from "./settle-verification";
import { sleep } from "../engine/verify-run";

export type TVerificationWorkerOptions = Partial<TWorkerTiming> & {
  /** How often an idle worker looks for queued runs. */
  pollMs?: number;
  /** Units held at once (of one run or of several). Default 2. */
  concurrency?: number;
};

/** A worker runs a few units side by side, so one stuck migration never queues the others. */
export const DEFAULT_VERIFICATION_CONCURRENCY = 2;
/** How often an idle worker looks for queued runs and units. */
export const VERIFICATION_POLL_MS = 2000;

/**
 * The background loop that verifies. A queued run is first split into units (per db, per SCAN
 * cursor slice of a big db) by whichever worker claims it; then every worker takes units, up to
 * `concurrency` at once, each under its own lease: a worker that dies stops renewing, and any
 * other worker resumes its units from their checkpoints once the lease has expired. The run's
 * verdict is the sum of its units. Started by lib/background.ts (or `npm run worker`).
 */
export function startVerificationWorker(opts: TVerificationWorkerOptions = {}): { owner: string; stop(): Promise<void> } {
  const leaseMs = opts.leaseMs ?? VERIFICATION_LEASE_MS;
  const timing: TWorkerTiming = {
    owner: opts.owner ?? `verify-${os.hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`,
    leaseMs,
    heartbeatMs: opts.heartbeatMs ?? Math.min(1000, Math.floor(leaseMs / 3)),
    checkpointIntervalMs: opts.checkpointIntervalMs ?? 2000,
  };
  const pollMs = opts.pollMs ?? VERIFICATION_POLL_MS;
  const concurrency = Math.max(1, opts.concurrency ?? DEFAULT_VERIFICATION_CONCURRENCY);
  const shutdown = new AbortController();
  const active = new Map<Promise<void>, string>();
  let wake: () => void = () => {};
  const loop = (async () => {
    while (!shutdown.signal.aborted) {
      let claimed = false;
      try {
        if (active.size < concurrency) {
          const run = await claimNextVerification(timing.owner, timing.leaseMs);
          if (run) {
            claimed = true;
            await planOrFail(run, timing.owner);
            continue;
          }
          const unit = await claimNextUnit(timing.owner, timing.leaseMs, [...new Set(active.values())]);
          if (unit) {
            claimed = true;
            const job: Promise<void> = runClaimedUnit(unit, timing, shutdown.signal)
              .catch((err) => logError("[ferry] verification worker:", err))
              .finally(() => {
                active.delete(job);
                wake();
              });
            active.set(job, unit.verificationId);
          }
        }
      } catch (err) {
        logError("[ferry] verification worker:", err);
      }
      if (claimed) continue;
      await settleForgottenRuns().catch((err) => logError("[ferry] verification worker:", err));
      // Idle or full: look again after pollMs, or as soon as a run ends.
      const ac = new AbortController();
      wake = () => ac.abort();
      const stop = () => ac.abort();
      shutdown.signal.addEventListener("abort", stop, { once: true });
      await sleep(pollMs, ac.signal);
      shutdown.signal.removeEventListener("abort", stop);
    }
    await Promise.all(active.keys());
  })();
  return {
    owner: timing.owner,
    async stop() {
      shutdown.abort();
      await loop;
    },
  };
}

/** A run that cannot even be split (an end unreachable, a refused INFO) fails with the reason. */
async function planOrFail(run: VerificationRun, owner: string): Promise<void> {
  try {
    await planVerificationUnits(run, owner);
  } catch (err) {
    const message = err instanceof AppError ? err.message : `unexpected error: ${(err as Error)?.message ?? String(err)}`;
    if (!(err instanceof AppError)) logError("[ferry] verification planning failed:", err);
    const failed = await db.verificationRun.updateMany({
      where: { id: run.id, leaseOwner: owner, plannedAt: null },
      data: { status: "failed", error: message, endedAt: new Date(), leaseOwner: null, leaseUntil: null },
    });
    if (failed.count) await recordEvent({ type: "verification.failed", level: "error", migrationId: run.migrationId, message: `Verification failed: ${message}`, data: { verificationId: run.id } });
  }
}
