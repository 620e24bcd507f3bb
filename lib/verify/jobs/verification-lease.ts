import "server-only";
import type { VerificationRun } from "@prisma/client";
import { db } from "@/lib/db";

/**
 * Claims the oldest queued run, or a running one whose worker stopped renewing its lease (a
 * crash or a kill): one conditional updateMany, so two workers can never both win a run.
 */
export async function claimNextVerification(owner: string, leaseMs: number): Promise<VerificationRun | null> {
  const now = new Date();
  const candidates = await db.verificationRun.findMany({
    where: { status: { in: ["queued", "running"] }, OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }] },
    orderBy: { createdAt: "asc" },
    take: 5,
    select: { id: true, leaseUntil: true },
  });
  for (const c of candidates) {
    const won = await db.verificationRun.updateMany({
      // Matching the lease we saw makes the claim atomic: a competitor's claim changes it.
      where: { id: c.id, status: { in: ["queued", "running"] }, leaseUntil: c.leaseUntil },
      data: { status: "running", leaseOwner: owner, leaseUntil: new Date(Date.now() + leaseMs) },
    });
    if (won.count === 1) {
      await db.verificationRun.updateMany({ where: { id: c.id, startedAt: null }, data: { startedAt: new Date() } });
      return db.verificationRun.findUnique({ where: { id: c.id } });
    }
  }
  return null;
}

export type THeartbeat = { held: boolean; cancelRequested: boolean };

/** Extends the lease (and stores the latest progress) only while this owner still holds it. */
export async function renewLease(id: string, owner: string, leaseMs: number, progress?: unknown): Promise<THeartbeat> {
  const renewed = await db.verificationRun.updateMany({
    where: { id, leaseOwner: owner, status: "running" },
    data: { leaseUntil: new Date(Date.now() + leaseMs), ...(progress ? { progress: JSON.stringify(progress) } : {}) },
  });
  if (renewed.count === 0) return { held: false, cancelRequested: false };
  const row = await db.verificationRun.findUnique({ where: { id }, select: { cancelRequested: true } });
  return { held: true, cancelRequested: !!row?.cancelRequested };
}
