import "server-only";
import { db } from "@/lib/db";
import { recordEvent } from "@/lib/events/record-event";
import { fmtDuration } from "@/lib/report/report-format";
import type { VerifyProgress } from "../engine/types";
import { mergeStoredProgress, mergeUnitResults } from "./merge-unit-results";
import { describeTotals, type TStoredVerificationResult } from "./verification-result";

/**
 * Called whenever a unit ends (and on Cancel): once every unit of the run is over, the run gets
 * its verdict, the sum of its units. A cancelled or failed run first drops the units nobody holds
 * yet. The terminal write is conditional on the run still running, so when two workers end the
 * last two units at once only one of them records the verdict.
 */
export async function settleVerification(runId: string): Promise<string | null> {
  const run = await db.verificationRun.findUnique({ where: { id: runId }, select: { status: true, cancelRequested: true, migrationId: true, plannedAt: true } });
  if (!run || run.status !== "running" || !run.plannedAt) return run?.status ?? null;
  let units = await db.verificationUnit.findMany({ where: { verificationId: runId }, orderBy: [{ db: "asc" }, { rangeIndex: "asc" }] });
  const stopping = run.cancelRequested || units.some((u) => u.status === "failed");
  if (stopping && units.some((u) => u.status === "queued")) {
    await db.verificationUnit.updateMany({ where: { verificationId: runId, status: "queued", leaseOwner: null }, data: { status: "cancelled", endedAt: new Date() } });
    units = await db.verificationUnit.findMany({ where: { verificationId: runId }, orderBy: [{ db: "asc" }, { rangeIndex: "asc" }] });
  }
  if (units.some((u) => u.status === "queued" || u.status === "running")) return "running";
  const failed = units.find((u) => u.status === "failed");
  const status = failed ? "failed" : units.some((u) => u.status === "cancelled") ? "cancelled" : "done";
  const results = units.flatMap((u) => (u.result ? [JSON.parse(u.result) as TStoredVerificationResult] : []));
  const progress = mergeStoredProgress(units);
  const result = status === "done" && results.length ? mergeUnitResults(results) : null;
  const won = await db.verificationRun.updateMany({
    where: { id: runId, status: "running" },
    data: {
      status, endedAt: new Date(), leaseOwner: null, leaseUntil: null,
      result: result ? JSON.stringify(result) : null,
      progress: progress ? JSON.stringify(progress) : null,
      error: failed?.error ?? null,
    },
  });
  if (won.count === 1) await recordVerdict(runId, run.migrationId, status, result, failed?.error ?? null, progress);
  return status;
}

/**
 * Settles runs whose units have all ended but whose verdict was never written (the last unit's
 * worker died or lost the database between the two writes). Idle workers call it on every poll.
 */
export async function settleForgottenRuns(): Promise<void> {
  const runs = await db.verificationRun.findMany({
    where: { status: "running", plannedAt: { not: null }, units: { none: { status: { in: ["queued", "running"] } } } },
    select: { id: true },
    take: 5,
  });
  for (const r of runs) await settleVerification(r.id);
}

async function recordVerdict(runId: string, migrationId: string, status: string, result: TStoredVerificationResult | null, error: string | null, progress: VerifyProgress | null) {
  const data = { verificationId: runId };
  if (status === "failed") {
    await recordEvent({ type: "verification.failed", level: "error", migrationId, message: `Verification failed: ${error}`, data });
  } else if (status === "cancelled" || !result) {
    await recordEvent({ type: "verification.cancelled", level: "warn", migrationId, message: `Verification cancelled after ${n(progress?.keysDone ?? 0)} keys`, data });
  } else {
    const differ = describeTotals(result.totals);
    // A cluster run that left out slots being resharded has not shown the ends equal, only the slots it compared.
    const skipped = "skippedSlots" in result && typeof result.skippedSlots === "string" ? result.skippedSlots : "";
    const clean = skipped ? `no differences in the slots compared, source slots ${skipped} not compared` : "no differences";
    await recordEvent({
      type: "verification.finished",
      level: result.mismatchCount > 0 || skipped ? "warn" : "info",
      migrationId,
      message: `Verification finished: ${n(result.keysCompared)} keys compared in ${result.roundsRun} round(s), ${result.mismatchCount === 0 ? clean : `${n(result.mismatchCount)} differ (${differ})`}; scan ${n(result.keysPerSec)} keys/s, wall time ${fmtDuration(result.durationMs)}${result.notes.length ? `. ${result.notes.join(" ")}` : ""}`,
      data: {
        ...data, totals: result.totals, mismatchCount: result.mismatchCount, keysCompared: result.keysCompared,
        keysPerSec: result.keysPerSec, scanMs: result.scanMs, durationMs: result.durationMs, sourceNoTouch: result.sourceNoTouch,
      },
    });
  }
}

const n = (x: number) => x.toLocaleString("en-US");
