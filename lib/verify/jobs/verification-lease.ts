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
    where: {
      status: { in: ["queued", "running"] },
      AND: [
        { OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }] },
        // Never this worker's own stalled run: it is still running here and fails on its reply deadline.
        { OR: [{ leaseOwner: null }, { leaseOwner: { not: owner } }] },
      ],
    },
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

/**
 * The worker's heartbeat. `extend` is false while the run is stuck on a server: the lease then
 * runs out instead of being renewed for a run that does nothing, but Cancel is still noticed.
 */
export async function renewLease(id: string, owner: string, leaseMs: number, progress?: unknown, extend = true): Promise<THeartbeat> {
  if (!extend) {
    const row = await db.verificationRun.findUnique({ where: { id }, select: { cancelRequested: true, leaseOwner: true, status: true } });
    const held = row?.leaseOwner === owner && row.status === "running";
    return { held, cancelRequested: held && row.cancelRequested };
  }
  const renewed = await db.verificationRun.updateMany({
    where: { id, leaseOwner: owner, status: "running" },
    data: { leaseUntil: new Date(Date.now() + leaseMs), ...(progress ? { progress: JSON.stringify(progress) } : {}) },
  });
  if (renewed.count === 0) return { held: false, cancelRequested: false };
  const row = await db.verificationRun.findUnique({ where: { id }, select: { cancelRequested: true } });
  return { held: true, cancelRequested: !!row?.cancelRequested };
}
