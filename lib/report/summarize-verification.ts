import "server-only";
import { db } from "@/lib/db";
import type { TStoredVerificationResult } from "@/lib/verify/jobs/verification-result";
import { DEFAULT_VERIFICATION_OPTIONS, type TVerificationOptions } from "@/lib/verify/jobs/verification-options";
import type { TReportVerification } from "./report-schema";

const SAMPLE = 100;

/** The last finished verification of a migration, and the status of any newer one. */
export async function summarizeVerification(migrationId: string): Promise<{ verification: TReportVerification | null; newerStatus: string | null }> {
  const [done, latest] = await Promise.all([
    db.verificationRun.findFirst({ where: { migrationId, status: "done" }, orderBy: { createdAt: "desc" } }),
    db.verificationRun.findFirst({ where: { migrationId }, orderBy: { createdAt: "desc" }, select: { id: true, status: true } }),
  ]);
  const newerStatus = latest && latest.id !== done?.id ? latest.status : null;
  if (!done?.result) return { verification: null, newerStatus };
  const result = JSON.parse(done.result) as TStoredVerificationResult;
  // Same merge as the worker: a row queued without options ran with the defaults.
  const options: TVerificationOptions = { ...DEFAULT_VERIFICATION_OPTIONS, ...(done.options ? JSON.parse(done.options) : {}) };
  const sample = await db.mismatch.findMany({ where: { verificationId: done.id }, orderBy: { id: "asc" }, take: SAMPLE });
  return {
    newerStatus,
    verification: {
      id: done.id,
      status: done.status,
      mode: result.mode,
      reverse: !!options.reverse,
      requestedBy: done.requestedBy,
      startedAt: done.startedAt?.toISOString() ?? null,
      endedAt: done.endedAt?.toISOString() ?? null,
      durationMs: result.durationMs,
      keysCompared: result.keysCompared,
      extraKeysScanned: result.extraKeysScanned,
      keysPerSec: result.keysPerSec,
      scanMs: result.scanMs ?? null,
      roundsRun: result.roundsRun,
      resumed: result.resumed,
      notRechecked: result.notRechecked,
      counts: result.counts,
      totals: result.totals,
      mismatchCount: result.mismatchCount,
      notes: result.notes ?? [],
      mismatchesSample: sample.map((m) => ({ db: m.db, key: m.keyDisplay, keyBase64: m.keyBase64, status: m.status as TReportVerification["mismatchesSample"][number]["status"], detail: m.detail })),
    },
  };
}
