import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { recordEvent } from "@/lib/events/record-event";
import type { TSessionUser } from "@/lib/auth/sessions";

/**
 * Asks the active verification of a migration to stop. A queued run is cancelled here; a running
 * one is flagged and the worker holding it aborts within a heartbeat (about a second), keeping
 * its checkpoint and the differences found so far.
 */
export async function cancelVerification(opts: { actor: TSessionUser; migrationId: string }): Promise<{ id: string; status: string }> {
  const run = await db.verificationRun.findFirst({
    where: { migrationId: opts.migrationId, status: { in: ["queued", "running"] } },
    orderBy: { createdAt: "desc" },
  });
  if (!run) throw new AppError("ILLEGAL_TRANSITION", "No verification is running for this migration.");
  // Only a still-queued, unleased run is cancelled directly; otherwise its worker does it.
  const direct = await db.verificationRun.updateMany({
    where: { id: run.id, status: "queued", leaseOwner: null },
    data: { status: "cancelled", cancelRequested: true, endedAt: new Date() },
  });
  if (direct.count === 0) await db.verificationRun.update({ where: { id: run.id }, data: { cancelRequested: true } });
  await recordEvent({
    type: direct.count ? "verification.cancelled" : "verification.cancel_requested",
    level: "warn",
    actor: opts.actor,
    migrationId: opts.migrationId,
    message: direct.count ? `${opts.actor.email} cancelled the queued verification` : `${opts.actor.email} asked the running verification to stop`,
    data: { verificationId: run.id },
  });
  return { id: run.id, status: direct.count ? "cancelled" : "cancelling" };
}
