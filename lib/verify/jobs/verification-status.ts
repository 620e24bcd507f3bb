import "server-only";
import { db } from "@/lib/db";
import type { VerifyProgress } from "../engine/types";
import type { TStoredVerificationResult } from "./verification-result";
import type { TVerificationOptions, TVerificationStatus } from "./verification-options";

export type TVerificationStatusView = {
  id: string;
  status: TVerificationStatus;
  mode: string;
  options: TVerificationOptions;
  requestedBy: string | null;
  createdAt: string;
  startedAt: string | null;
  endedAt: string | null;
  cancelRequested: boolean;
  progress: VerifyProgress | null;
  /** Final differences stored so far (rows in Mismatch). */
  mismatchesStored: number;
  result: TStoredVerificationResult | null;
  error: string | null;
};

/** The latest verification of a migration, for the live panel and the runner's verify step. */
export async function getLatestVerification(migrationId: string): Promise<TVerificationStatusView | null> {
  const run = await db.verificationRun.findFirst({ where: { migrationId }, orderBy: { createdAt: "desc" } });
  if (!run) return null;
  return getVerificationRun(run.id);
}

export async function getVerificationRun(id: string): Promise<TVerificationStatusView | null> {
  const run = await db.verificationRun.findUnique({ where: { id }, include: { _count: { select: { mismatches: true } } } });
  if (!run) return null;
  return {
    id: run.id,
    status: run.status as TVerificationStatus,
    mode: run.mode,
    options: run.options ? JSON.parse(run.options) : {},
    requestedBy: run.requestedBy,
    createdAt: run.createdAt.toISOString(),
    startedAt: run.startedAt?.toISOString() ?? null,
    endedAt: run.endedAt?.toISOString() ?? null,
    cancelRequested: run.cancelRequested,
    progress: run.progress ? JSON.parse(run.progress) : null,
    mismatchesStored: run._count.mismatches,
    result: run.result ? JSON.parse(run.result) : null,
    error: run.error,
  };
}
