import { readStepDetail } from "../migrations/migration-record";
import "server-only";
import { db } from "@/lib/db";
import { readStats } from "@/lib/replication-store/replication-json";
import type { TReportReplication } from "./report-schema";

/**
 * The replicate strategy's part of the report, from what the flow recorded: the forward
 * replicator's last stats, the final verification of the cutover step, and the way back.
 */
export async function summarizeReplication(migrationId: string): Promise<TReportReplication | null> {
  const [rows, finalStep] = await Promise.all([
    db.replication.findMany({ where: { migrationId } }),
    db.migrationStep.findUnique({ where: { migrationId_name: { migrationId, name: "drain-verify" } }, select: { status: true, detail: true } }),
  ]);
  const forward = rows.find((r) => r.direction === "forward");
  if (!forward) return null;
  const reverse = rows.find((r) => r.direction === "reverse");
  const stats = readStats(forward.stats);
  const detail = finalStep?.status === "done" && finalStep.detail ? readStepDetail(finalStep.detail) : null;
  const iso = (d: Date | null | undefined) => d?.toISOString() ?? null;
  return {
    keysCopied: stats?.initialCopy.keysCopied ?? null,
    bytesCopied: stats?.initialCopy.bytesCopied ?? null,
    copyMode: stats?.copyMode ?? null,
    liveApplied: stats?.live.appliedTotal ?? null,
    repairs: stats?.repairs ?? null,
    reconnects: stats?.reconnects ?? null,
    finalVerification: detail ? { differences: detail.differences ?? 0, fixed: detail.fixed ?? 0, byKind: detail.byKind ?? {} } : null,
    reverse: reverse
      ? { status: reverse.status, startedAt: reverse.startedAt.toISOString(), until: iso(reverse.until), stoppedAt: iso(reverse.stoppedAt), stoppedBy: reverse.stoppedBy, stopReason: reverse.stopReason }
      : null,
  };
}
