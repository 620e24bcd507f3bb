import "server-only";
import { db } from "@/lib/db";
import type { TStoredVerificationResult } from "@/lib/verify/jobs/verification-result";
import { DEFAULT_VERIFICATION_OPTIONS, type TVerificationOptions } from "@/lib/verify/jobs/verification-options";
import { pickVerificationRun, recordedVerificationRunId } from "./pick-verification-run";
import type { TReport, TReportVerification } from "./report-schema";
import { readClusterVerificationPart, shardNamer } from "./cluster-verification-part";

const SAMPLE = 100;
const MAX_RUNS = 50;

type TVerificationPart = Pick<TReport, "verification" | "verificationRuns" | "newerVerificationStatus" | "newerVerificationId">;

/** The verification the report shows (see pickVerificationRun), every finished run, and any newer run. */
export async function summarizeVerification(opts: { migrationId: string; runId?: string }): Promise<TVerificationPart> {
  const [picked, runs, latest, recordedId] = await Promise.all([
    pickVerificationRun(opts),
    db.verificationRun.findMany({
      where: { migrationId: opts.migrationId, status: "done", result: { not: null } },
      orderBy: { createdAt: "desc" },
      take: MAX_RUNS,
      select: { id: true, requestedBy: true, endedAt: true, _count: { select: { mismatches: true } } },
    }),
    db.verificationRun.findFirst({ where: { migrationId: opts.migrationId }, orderBy: { createdAt: "desc" }, select: { id: true, status: true, createdAt: true } }),
    recordedVerificationRunId(opts.migrationId),
  ]);
  const newer = latest && latest.id !== picked?.run.id && (!picked || latest.createdAt > picked.run.createdAt) ? latest : null;
  const verificationRuns = runs.map((r) => ({ id: r.id, requestedBy: r.requestedBy, endedAt: r.endedAt?.toISOString() ?? null, mismatchCount: r._count.mismatches, recorded: r.id === recordedId }));
  const part = { verificationRuns, newerVerificationStatus: newer?.status ?? null, newerVerificationId: newer?.id ?? null };
  if (!picked) return { ...part, verification: null };
  const { run, chosenBy } = picked;
  const result = JSON.parse(run.result!) as TStoredVerificationResult;
  // Same merge as the worker: a row queued without options ran with the defaults.
  const options: TVerificationOptions = { ...DEFAULT_VERIFICATION_OPTIONS, ...(run.options ? JSON.parse(run.options) : {}) };
  const clusterPart = readClusterVerificationPart(run.result);
  const shardOf = shardNamer(clusterPart);
  const sample = await db.mismatch.findMany({ where: { verificationId: run.id }, orderBy: { id: "asc" }, take: SAMPLE });
  const verification: TReportVerification = {
    id: run.id,
    status: run.status,
    chosenBy,
    createdAt: run.createdAt.toISOString(),
    mode: result.mode,
    reverse: !!options.reverse,
    requestedBy: run.requestedBy,
    startedAt: run.startedAt?.toISOString() ?? null,
    endedAt: run.endedAt?.toISOString() ?? null,
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
    skippedSlots: clusterPart?.skippedSlots ?? "",
    notes: result.notes ?? [],
    mismatchesSample: sample.map((m) => ({ db: m.db, key: m.keyDisplay, keyBase64: m.keyBase64, status: m.status as TReportVerification["mismatchesSample"][number]["status"], detail: m.detail, shard: shardOf(m.keyBase64) })),
  };
  return { ...part, verification };
}
