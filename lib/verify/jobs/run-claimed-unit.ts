import "server-only";
import type { VerificationUnit } from "@prisma/client";
import { db } from "@/lib/db";
import { AppError, isAppError } from "@/lib/errors";
import { recordEvent } from "@/lib/events/record-event";
import { resolveEndpoint } from "@/lib/endpoints/resolve-endpoint";
import { ZVerifyCheckpoint, type VerifyCheckpoint } from "../engine/checkpoint";
import { compareKeyspaces } from "../engine/compare-keyspaces";
import { redisEndpointToResp } from "../engine/redis-endpoint-to-resp";
import type { KeyMismatch, VerifyProgress } from "../engine/types";
import { compareClusterKeyspaces } from "../engine/cluster/compare-cluster-keyspaces";
import { isClusterCheckpoint, recordClusterResume } from "./record-cluster-resume";
import { ZClusterCheckpoint, type TClusterCheckpoint } from "../engine/cluster/cluster-checkpoint";
import { isClusterEnd } from "@/lib/redis/cluster/is-cluster-end";
import { VerifyLiveness } from "../engine/verify-liveness";
import { renewUnitLease } from "./unit-lease";
import { publishRunProgress } from "./publish-run-progress";
import { settleVerification } from "./settle-verification";
import { DEFAULT_VERIFICATION_OPTIONS, ZVerificationOptions, ZVerifyMode } from "./verification-options";
import { toStoredResult } from "./verification-result";
import { VerificationStore } from "./verification-store";
import { logError } from "../../log-error";

export type TWorkerTiming = { owner: string; leaseMs: number; heartbeatMs: number; checkpointIntervalMs: number };

/**
 * Runs one claimed unit (a db, or a cursor slice of one) to a terminal state, resuming from its
 * checkpoint when a previous worker died mid-way, then lets the run settle. `shutdown` aborts
 * without a verdict: the lease is released and the unit stays "running" for the next worker.
 */
export async function runClaimedUnit(unit: VerificationUnit, t: TWorkerTiming, shutdown: AbortSignal): Promise<void> {
  const store = new VerificationStore(unit, t.owner);
  const run = await db.verificationRun.findUniqueOrThrow({ where: { id: unit.verificationId } });
  if (run.cancelRequested) {
    await store.finish({ status: "cancelled" });
    await settleVerification(run.id);
    return;
  }
  const abort = new AbortController();
  const onShutdown = () => abort.abort();
  shutdown.addEventListener("abort", onShutdown, { once: true });
  let progress: VerifyProgress | undefined;
  let leaseLost = false;
  const liveness = new VerifyLiveness();
  const heartbeat = setInterval(() => {
    const progressing = liveness.stalledMs() <= 2 * t.heartbeatMs;
    renewUnitLease(unit, t.owner, t.leaseMs, progress, progressing).then(async (hb) => {
      leaseLost ||= !hb.held;
      if (leaseLost || hb.cancelRequested) abort.abort();
      else if (progressing) await publishRunProgress(run.id);
    }).catch((err) => logError("[ferry] verification heartbeat failed:", err));
  }, t.heartbeatMs);
  const stored: unknown = unit.checkpoint ? JSON.parse(unit.checkpoint) : undefined;
  // A cluster unit checkpoints the pairs it finished; any other unit its SCAN position.
  const pairsDone = isClusterCheckpoint(stored) ? ZClusterCheckpoint.parse(stored) : undefined;
  const resumeFrom: VerifyCheckpoint | undefined = stored && !pairsDone ? ZVerifyCheckpoint.parse(stored) : undefined;
  try {
    const migration = await db.migration.findUniqueOrThrow({ where: { id: run.migrationId }, select: { sourceId: true, targetId: true } });
    if (pairsDone) await recordClusterResume(run, unit, t.owner, pairsDone);
    if (resumeFrom) {
      await recordEvent({
        type: "verification.resumed",
        migrationId: run.migrationId,
        message: `Verification of db ${unit.db}${unit.rangeCount > 1 ? ` (part ${unit.rangeIndex + 1} of ${unit.rangeCount})` : ""} resumed from its checkpoint (${n(resumeFrom.keysCompared)} keys already compared)`,
        data: { verificationId: run.id, unitId: unit.id, worker: t.owner, keysAlreadyCompared: resumeFrom.keysCompared },
      });
    }
    const [source, target] = await Promise.all([resolveEndpoint(migration.sourceId), resolveEndpoint(migration.targetId)]);
    // Rows queued without options (e.g. by the runner's verify step) get the same defaults as the UI.
    const options = ZVerificationOptions.parse({ ...DEFAULT_VERIFICATION_OPTIONS, ...(run.options ? JSON.parse(run.options) : {}) });
    const common = { mode: ZVerifyMode.parse(run.mode), ...options, signal: abort.signal, progressIntervalMs: 250, onMismatch: (m: KeyMismatch) => store.add(m) };
    // A cluster on either end is compared shard by shard (engine/cluster), and resumes by pair.
    const clustered = (await Promise.all([isClusterEnd(source.redis), isClusterEnd(target.redis)])).some(Boolean);
    const result = clustered
      ? await compareClusterKeyspaces({
        ...common, source: source.redis, target: target.redis, resumeFrom: pairsDone,
        onProgress: (p) => void (progress = p),
        onCheckpoint: (c) => store.saveCheckpoint(c),
      })
      : await compareKeyspaces({
        ...common,
        source: { endpoint: redisEndpointToResp(source.redis), readOnly: true },
        target: { endpoint: redisEndpointToResp(target.redis) },
        dbs: [unit.db],
        range: unit.rangeCount > 1 ? { index: unit.rangeIndex, count: unit.rangeCount } : undefined,
        resumeFrom,
        liveness,
        onProgress: (p) => void (progress = p),
        checkpointIntervalMs: t.checkpointIntervalMs,
        onCheckpoint: (c) => store.saveCheckpoint(c),
      });
    await store.finish({ status: "done", result: JSON.stringify(toStoredResult(result)), progress: JSON.stringify(progress ?? null), checkpoint: null });
  } catch (err) {
    // Another worker owns the unit now (or this one is shutting down): leave the state to it.
    if (leaseLost || store.leaseLost) return;
    if (shutdown.aborted && isAppError(err) && err.code === "VERIFY_CANCELLED") {
      await store.release();
      return;
    }
    if (isAppError(err) && err.code === "VERIFY_CANCELLED") {
      const checkpoint = err.detail?.checkpoint as VerifyCheckpoint | TClusterCheckpoint | undefined;
      await store.finish({ status: "cancelled", progress: JSON.stringify(progress ?? null), ...(checkpoint ? { checkpoint: JSON.stringify(checkpoint) } : {}) });
    } else {
      const message = err instanceof AppError ? err.message : `unexpected error: ${(err as Error)?.message ?? String(err)}`;
      if (!(err instanceof AppError)) logError("[ferry] verification failed:", err);
      await store.finish({ status: "failed", error: message, progress: JSON.stringify(progress ?? null) }).catch(() => {});
    }
  } finally {
    clearInterval(heartbeat);
    shutdown.removeEventListener("abort", onShutdown);
  }
  await settleVerification(run.id);
}

const n = (x: number) => x.toLocaleString("en-US");
