import "server-only";
import type { Prisma, VerificationUnit } from "@prisma/client";
import { db } from "@/lib/db";

/** How long a unit stays with a worker that stopped renewing it (killed, frozen) before another takes it. */
export const VERIFICATION_LEASE_MS = 30_000;

/**
 * Claims the next unit nobody holds: queued, or running under a lease that ran out (its worker
 * died; the new holder resumes from the unit's checkpoint). Like the run claim, one conditional
 * updateMany that matches the lease seen, atomic on SQLite and PostgreSQL alike. A unit of a run
 * this worker is not already working on comes first, so one stuck run never fills every slot.
 */
export async function claimNextUnit(owner: string, leaseMs: number, busyRuns: string[] = []): Promise<VerificationUnit | null> {
  if (busyRuns.length) {
    const elsewhere = await claimUnitWhere(owner, leaseMs, { verificationId: { notIn: busyRuns } });
    if (elsewhere) return elsewhere;
  }
  return claimUnitWhere(owner, leaseMs, {});
}

async function claimUnitWhere(owner: string, leaseMs: number, scope: Prisma.VerificationUnitWhereInput): Promise<VerificationUnit | null> {
  const now = new Date();
  const candidates = await db.verificationUnit.findMany({
    where: {
      ...scope,
      status: { in: ["queued", "running"] },
      AND: [
        { OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }] },
        // Never this worker's own stalled unit: it is still running here and fails on its reply deadline.
        { OR: [{ leaseOwner: null }, { leaseOwner: { not: owner } }] },
      ],
    },
    orderBy: [{ verification: { createdAt: "asc" } }, { db: "asc" }, { rangeIndex: "asc" }],
    take: 5,
    select: { id: true, leaseUntil: true, owners: true },
  });
  for (const c of candidates) {
    const won = await db.verificationUnit.updateMany({
      where: { id: c.id, status: { in: ["queued", "running"] }, leaseUntil: c.leaseUntil },
      data: { status: "running", leaseOwner: owner, leaseUntil: new Date(Date.now() + leaseMs), owners: JSON.stringify([...JSON.parse(c.owners), owner]) },
    });
    if (won.count === 1) {
      await db.verificationUnit.updateMany({ where: { id: c.id, startedAt: null }, data: { startedAt: new Date() } });
      return db.verificationUnit.findUnique({ where: { id: c.id } });
    }
  }
  return null;
}

export type THeartbeat = { held: boolean; cancelRequested: boolean };

/**
 * A unit's heartbeat. `extend` is false while the unit is stuck on a server: the lease then runs
 * out instead of being renewed for work that does nothing, but Cancel (asked on the run) is still noticed.
 */
export async function renewUnitLease(unit: { id: string; verificationId: string }, owner: string, leaseMs: number, progress?: unknown, extend = true): Promise<THeartbeat> {
  const where = { id: unit.id, leaseOwner: owner, status: "running" };
  const held = extend
    ? (await db.verificationUnit.updateMany({ where, data: { leaseUntil: new Date(Date.now() + leaseMs), ...(progress ? { progress: JSON.stringify(progress) } : {}) } })).count === 1
    : (await db.verificationUnit.count({ where })) === 1;
  if (!held) return { held: false, cancelRequested: false };
  const run = await db.verificationRun.findUnique({ where: { id: unit.verificationId }, select: { cancelRequested: true } });
  return { held: true, cancelRequested: !!run?.cancelRequested };
}
