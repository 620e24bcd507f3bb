import "server-only";
import { db } from "../../db";
import type { TReplicationCheckpoint, TReplicationOptions } from "../../replicate/types";
import { writeJson } from "../../replication-store/replication-json";

/**
 * Records that a replicator should run; the replication loop of whichever process takes its lease
 * starts it. Idempotent: a step re-run after a crash finds the row it made.
 */
export async function createReplication(opts: {
  migrationId: string;
  direction: "forward" | "reverse";
  options: TReplicationOptions;
  /** Reverse starts live (the ends were just verified equal) with a repair for the switch-over moment. */
  checkpoint?: TReplicationCheckpoint;
  until?: Date;
}): Promise<{ id: string; created: boolean }> {
  const existing = await db.replication.findUnique({ where: { migrationId_direction: { migrationId: opts.migrationId, direction: opts.direction } }, select: { id: true } });
  if (existing) return { id: existing.id, created: false };
  const row = await db.replication.create({
    data: {
      migrationId: opts.migrationId,
      direction: opts.direction,
      options: writeJson(opts.options),
      checkpoint: opts.checkpoint ? writeJson(opts.checkpoint) : null,
      until: opts.until,
    },
    select: { id: true },
  });
  return { id: row.id, created: true };
}

/** Marks a replication stopped; its process stops the replicator at its next tick. Idempotent. */
export async function markReplicationStopped(opts: { migrationId: string; direction: "forward" | "reverse"; reason: string; by?: string }): Promise<boolean> {
  const { count } = await db.replication.updateMany({
    where: { migrationId: opts.migrationId, direction: opts.direction, status: "running" },
    data: { status: "stopped", stoppedAt: new Date(), stopReason: opts.reason, stoppedBy: opts.by },
  });
  return count === 1;
}

/** True once a stopped replication's process has let go of it (or died and its lease expired). */
export async function replicationLetGo(migrationId: string, direction: "forward" | "reverse"): Promise<boolean> {
  const r = await db.replication.findUnique({ where: { migrationId_direction: { migrationId, direction } }, select: { status: true, leaseOwner: true, leaseUntil: true } });
  if (!r) return true;
  return r.status === "stopped" && (!r.leaseOwner || !r.leaseUntil || r.leaseUntil.getTime() < Date.now());
}
