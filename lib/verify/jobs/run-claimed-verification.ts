import "server-only";
import type { VerificationRun } from "@prisma/client";
import { db } from "@/lib/db";
import { AppError, isAppError } from "@/lib/errors";
import { recordEvent } from "@/lib/events/record-event";
import { resolveEndpoint } from "@/lib/endpoints/resolve-endpoint";
import { ZVerifyCheckpoint, type VerifyCheckpoint } from "../engine/checkpoint";
import { compareKeyspaces } from "../engine/compare-keyspaces";
import { redisEndpointToResp } from "../engine/redis-endpoint-to-resp";
import type { KeyMismatch, VerifyProgress } from "../engine/types";
import { compareClusterKeyspaces } from "../engine/cluster/compare-cluster-keyspaces";
import { isClusterEnd } from "../engine/cluster/is-cluster-end";
import { fmtDuration } from "@/lib/report/report-format";
import { VerifyLiveness } from "../engine/verify-liveness";
import { renewLease } from "./verification-lease";
import { DEFAULT_VERIFICATION_OPTIONS, ZVerificationOptions, ZVerifyMode } from "./verification-options";
import { describeTotals, toStoredResult } from "./verification-result";
import { VerificationStore } from "./verification-store";
import { logError } from "../../log-error";

export type TWorkerTiming = { owner: string; leaseMs: number; heartbeatMs: number; checkpointIntervalMs: number };

/**
 * Runs one claimed VerificationRun to a terminal state, resuming from its checkpoint when a
 * previous worker died mid-way. `shutdown` aborts without a verdict: the lease is released and
 * the run stays "running" for the next worker to resume at once.
 */
export async function runClaimedVerification(run: VerificationRun, t: TWorkerTiming, shutdown: AbortSignal): Promise<void> {
  const store = new VerificationStore(run.id, t.owner);
  if (run.cancelRequested) {
    await store.finish({ status: "cancelled" });
    await recordEvent({ type: "verification.cancelled", level: "warn", migrationId: run.migrationId, message: "Verification cancelled before it resumed", data: { verificationId: run.id } });
    return;
  }
  const abort = new AbortController();
  const onShutdown = () => abort.abort();
  shutdown.addEventListener("abort", onShutdown, { once: true });
  let progress: VerifyProgress | undefined;
  let leaseLost = false;
  let cancelled = false;
  const liveness = new VerifyLiveness();
  const heartbeat = setInterval(() => {
    const progressing = liveness.stalledMs() <= 2 * t.heartbeatMs;
    renewLease(run.id, t.owner, t.leaseMs, progress, progressing).then((hb) => {
      leaseLost ||= !hb.held;
      cancelled ||= hb.cancelRequested;
      if (leaseLost || cancelled) abort.abort();
    }, (err) => logError("[ferry] verification heartbeat failed:", err));
  }, t.heartbeatMs);
  const resumeFrom: VerifyCheckpoint | undefined = run.checkpoint ? ZVerifyCheckpoint.parse(JSON.parse(run.checkpoint)) : undefined;
  try {
    const migration = await db.migration.findUniqueOrThrow({ where: { id: run.migrationId }, select: { sourceId: true, targetId: true } });
    await recordEvent({
      type: resumeFrom ? "verification.resumed" : "verification.started",
      migrationId: run.migrationId,
      message: resumeFrom
        ? `Verification resumed from its checkpoint (${n(resumeFrom.keysCompared)} keys already compared)`
        : `Verification started (${run.mode} mode)`,
      data: { verificationId: run.id, worker: t.owner, keysAlreadyCompared: resumeFrom?.keysCompared ?? 0 },
    });
    const [source, target] = await Promise.all([resolveEndpoint(migration.sourceId), resolveEndpoint(migration.targetId)]);
    // Rows queued without options (e.g. by the runner's verify step) get the same defaults as the UI.
    const options = ZVerificationOptions.parse({ ...DEFAULT_VERIFICATION_OPTIONS, ...(run.options ? JSON.parse(run.options) : {}) });
    const common = { mode: ZVerifyMode.parse(run.mode), ...options, signal: abort.signal, progressIntervalMs: 250, onMismatch: (m: KeyMismatch) => store.add(m) };
    // A cluster on either end is compared shard by shard (engine/cluster); such runs restart rather than resume.
    const clustered = (await Promise.all([isClusterEnd(source.redis), isClusterEnd(target.redis)])).some(Boolean);
    const result = clustered
      ? await compareClusterKeyspaces({ ...common, source: source.redis, target: target.redis, onProgress: (p) => void (progress = p) })
      : await compareKeyspaces({
        ...common,
        source: { endpoint: redisEndpointToResp(source.redis), readOnly: true },
        target: { endpoint: redisEndpointToResp(target.redis) },
        resumeFrom,
        liveness,
        onProgress: (p) => void (progress = p),
        checkpointIntervalMs: t.checkpointIntervalMs,
        onCheckpoint: (c) => store.saveCheckpoint(c),
      });
    const stored = toStoredResult(result);
    await store.finish({ status: "done", result: JSON.stringify(stored), progress: JSON.stringify(progress ?? null), checkpoint: null });
    const differ = describeTotals(result.totals);
    await recordEvent({
      type: "verification.finished",
      level: result.mismatchCount > 0 ? "warn" : "info",
      migrationId: run.migrationId,
      message: `Verification finished: ${n(result.keysCompared)} keys compared in ${result.roundsRun} round(s), ${result.mismatchCount === 0 ? "no differences" : `${n(result.mismatchCount)} differ (${differ})`}; scan ${n(result.keysPerSec)} keys/s, wall time ${fmtDuration(result.durationMs)}${result.notes.length ? `. ${result.notes.join(" ")}` : ""}`,
      data: {
        verificationId: run.id, totals: result.totals, mismatchCount: result.mismatchCount, keysCompared: result.keysCompared,
        keysPerSec: result.keysPerSec, scanMs: result.scanMs, durationMs: result.durationMs, sourceNoTouch: result.sourceNoTouch,
      },
    });
  } catch (err) {
    // Another worker owns the run now (or this one is shutting down): leave the state to it.
    if (leaseLost || store.leaseLost) return;
    if (shutdown.aborted && isAppError(err) && err.code === "VERIFY_CANCELLED") {
      await store.release();
      return;
    }
    if (isAppError(err) && err.code === "VERIFY_CANCELLED") {
      const checkpoint = err.detail?.checkpoint as VerifyCheckpoint | undefined;
      await store.finish({ status: "cancelled", progress: JSON.stringify(progress ?? null), ...(checkpoint ? { checkpoint: JSON.stringify(checkpoint) } : {}) });
      await recordEvent({
        type: "verification.cancelled",
        level: "warn",
        migrationId: run.migrationId,
        message: `Verification cancelled after ${n(checkpoint?.keysCompared ?? progress?.keysDone ?? 0)} keys`,
        data: { verificationId: run.id },
      });
      return;
    }
    const message = err instanceof AppError ? err.message : `unexpected error: ${(err as Error)?.message ?? String(err)}`;
    if (!(err instanceof AppError)) logError("[ferry] verification failed:", err);
    await store.finish({ status: "failed", error: message, progress: JSON.stringify(progress ?? null) }).catch(() => {});
    await recordEvent({ type: "verification.failed", level: "error", migrationId: run.migrationId, message: `Verification failed: ${message}`, data: { verificationId: run.id } });
  } finally {
    clearInterval(heartbeat);
    shutdown.removeEventListener("abort", onShutdown);
  }
}

const n = (x: number) => x.toLocaleString("en-US");
