import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { recordEvent } from "@/lib/events/record-event";
import type { TSessionUser } from "@/lib/auth/sessions";
import { settleVerification } from "./settle-verification";

/**
 * Asks the active verification of a migration to stop. A queued run is cancelled here, and so are
 * the units no worker holds yet; each worker holding a unit aborts it within a heartbeat (about a
 * second), keeping its checkpoint and the differences found so far, and the last one to stop
 * records the run as cancelled.
 */
export async function cancelVerification(opts: { actor: TSessionUser; migrationId: string }): Promise<{ id: string; status: string }> {
  const run = await db.verificationRun.findFirst({
    where: { migrationId: opts.migrationId, status: { in: ["queued", "running"] } },
    orderBy: { createdAt: "desc" },
  });
  if (!run) throw new AppError("ILLEGAL_TRANSITION", "No verification is running for this migration.");
  // Only a still-queued, unclaimed run is cancelled directly; otherwise its units' workers do it.
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
  // No unit running (all still queued): the run is over now, not at some worker's next poll.
  const settled = direct.count ? "cancelled" : await settleVerification(run.id);
  return { id: run.id, status: settled === "cancelled" ? "cancelled" : "cancelling" };
}
