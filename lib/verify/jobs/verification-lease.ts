import "server-only";
import type { VerificationRun } from "@prisma/client";
import { db } from "@/lib/db";

/**
 * Claims the oldest run not yet split into units (queued, or a planner that died mid-way) for
 * planning: one conditional updateMany, so two workers can never both win a run. The same
 * statement is atomic on SQLite (writes are serialized) and on PostgreSQL (a second UPDATE of the
 * row waits for the first and re-checks its WHERE, which then no longer matches).
 */
export async function claimNextVerification(owner: string, leaseMs: number): Promise<VerificationRun | null> {
  const now = new Date();
  const candidates = await db.verificationRun.findMany({
    where: {
      status: { in: ["queued", "running"] },
      plannedAt: null,
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
      where: { id: c.id, status: { in: ["queued", "running"] }, plannedAt: null, leaseUntil: c.leaseUntil },
      data: { status: "running", leaseOwner: owner, leaseUntil: new Date(Date.now() + leaseMs) },
    });
    if (won.count === 1) {
      await db.verificationRun.updateMany({ where: { id: c.id, startedAt: null }, data: { startedAt: new Date() } });
      return db.verificationRun.findUnique({ where: { id: c.id } });
    }
  }
  return null;
}
