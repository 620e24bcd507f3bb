import "server-only";
import type { VerificationRun } from "@prisma/client";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { readStepDetail } from "@/lib/migrations/migration-record";
import type { TRunChoice } from "./report-schema";

/**
 * The run the migration's own flow recorded: the report step's detail, else the verify step's
 * (a report opened before the run's last step). Null for a migration the runner never verified.
 */
export async function recordedVerificationRunId(migrationId: string): Promise<string | null> {
  const steps = await db.migrationStep.findMany({ where: { migrationId, name: { in: ["report", "verify"] } }, select: { name: true, detail: true } });
  for (const name of ["report", "verify"]) {
    const id = readStepDetail(steps.find((s) => s.name === name)?.detail).verificationRunId;
    if (id) return id;
  }
  return null;
}

/**
 * Which finished verification the report shows: the one asked for (?run=, which must be a finished
 * run of this migration, else NOT_FOUND), else the one the flow recorded once it has finished,
 * else the newest finished one.
 */
export async function pickVerificationRun(opts: { migrationId: string; runId?: string }): Promise<{ run: VerificationRun; chosenBy: TRunChoice } | null> {
  const finished = { migrationId: opts.migrationId, status: "done", result: { not: null } };
  if (opts.runId) {
    const run = await db.verificationRun.findFirst({ where: { ...finished, id: opts.runId } });
    if (!run) throw new AppError("NOT_FOUND", "That verification run is not a finished run of this migration.");
    return { run, chosenBy: "requested" };
  }
  const recordedId = await recordedVerificationRunId(opts.migrationId);
  const recorded = recordedId ? await db.verificationRun.findFirst({ where: { ...finished, id: recordedId } }) : null;
  if (recorded) return { run: recorded, chosenBy: "recorded" };
  const latest = await db.verificationRun.findFirst({ where: finished, orderBy: { createdAt: "desc" } });
  return latest ? { run: latest, chosenBy: "latest" } : null;
}
