import "server-only";
import { db } from "../../db";

/**
 * One process per running replicator: the lease columns of its Replication row, taken with one
 * atomic UPDATE that matches only when the lease is free, expired, or already ours (as
 * lib/flows/lease.ts does for migrations).
 */
export async function claimReplication(id: string, owner: string, leaseMs: number): Promise<boolean> {
  const now = new Date();
  const { count } = await db.replication.updateMany({
    where: { id, status: "running", OR: [{ leaseOwner: null }, { leaseUntil: null }, { leaseUntil: { lt: now } }, { leaseOwner: owner }] },
    data: { leaseOwner: owner, leaseUntil: new Date(now.getTime() + leaseMs) },
  });
  return count === 1;
}

export async function releaseReplication(id: string, owner: string): Promise<void> {
  await db.replication.updateMany({ where: { id, leaseOwner: owner }, data: { leaseOwner: null, leaseUntil: null } });
}

/** Running replications this process could run: not leased by someone else. */
export async function findClaimableReplications(owner: string): Promise<string[]> {
  const rows = await db.replication.findMany({
    where: { status: "running", OR: [{ leaseOwner: null }, { leaseUntil: null }, { leaseUntil: { lt: new Date() } }, { leaseOwner: owner }] },
    select: { id: true },
    take: 200,
  });
  return rows.map((r) => r.id);
}
