import "server-only";
import { db } from "@/lib/db";
import { mergeStoredProgress } from "./merge-unit-results";

/**
 * Writes the sum of the units' progress on the run row, which the panel and /metrics read. Any
 * unit's heartbeat may write it: each computes it from every unit, so the last write is as good as any.
 */
export async function publishRunProgress(runId: string): Promise<void> {
  const units = await db.verificationUnit.findMany({ where: { verificationId: runId }, select: { progress: true } });
  const merged = mergeStoredProgress(units);
  if (merged) await db.verificationRun.updateMany({ where: { id: runId, status: "running" }, data: { progress: JSON.stringify(merged) } });
}
