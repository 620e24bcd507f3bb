import "server-only";
import { db } from "../db";
import { ACTIVE_STATES } from "./states";

/**
 * One runner per migration: a lease row-level in Migration (leaseOwner, leaseUntil), taken with
 * one atomic UPDATE that only matches when the lease is free, expired, or already ours.
 */
export async function claimLease(migrationId: string, owner: string, leaseMs: number): Promise<boolean> {
  const now = new Date();
  const { count } = await db.migration.updateMany({
    where: {
      id: migrationId,
      state: { in: [...ACTIVE_STATES] },
      OR: [{ leaseOwner: null }, { leaseUntil: null }, { leaseUntil: { lt: now } }, { leaseOwner: owner }],
    },
    data: { leaseOwner: owner, leaseUntil: new Date(now.getTime() + leaseMs) },
  });
  return count === 1;
}

/** Extends a lease we still hold; false means another runner took it (we stalled past expiry). */
export async function renewLease(migrationId: string, owner: string, leaseMs: number): Promise<boolean> {
  const now = new Date();
  const { count } = await db.migration.updateMany({
    where: { id: migrationId, leaseOwner: owner, leaseUntil: { gte: now } },
    data: { leaseUntil: new Date(now.getTime() + leaseMs) },
  });
  return count === 1;
}

export async function releaseLease(migrationId: string, owner: string): Promise<void> {
  await db.migration.updateMany({ where: { id: migrationId, leaseOwner: owner }, data: { leaseOwner: null, leaseUntil: null } });
}

/** Migrations a runner could work on now: active, and not leased by someone else. */
export async function findClaimable(owner: string): Promise<string[]> {
  const rows = await db.migration.findMany({
    where: {
      state: { in: [...ACTIVE_STATES] },
      OR: [{ leaseOwner: null }, { leaseUntil: null }, { leaseUntil: { lt: new Date() } }, { leaseOwner: owner }],
    },
    select: { id: true },
    orderBy: { updatedAt: "asc" },
    take: 200,
  });
  return rows.map((r) => r.id);
}
