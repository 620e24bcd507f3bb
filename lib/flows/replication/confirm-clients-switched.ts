import "server-only";
import type { TSessionUser } from "../../auth/sessions";
import { db } from "../../db";
import { AppError } from "../../errors";
import { recordEvent } from "../../events/record-event";

/** The operator's second confirmation of a replicate cutover; the switch-clients step reads this event. */
export const CLIENTS_SWITCHED_EVENT = "replication.clients_switched";

/**
 * Recorded only once the final verification is clean (drain-verify done): before that the repair
 * may still rewrite keys on the target, and would undo what clients already wrote there.
 */
export async function confirmClientsSwitched(opts: { actor: TSessionUser; migrationId: string }): Promise<{ confirmed: true }> {
  const m = await db.migration.findUnique({ where: { id: opts.migrationId }, select: { strategy: true, state: true, name: true, cutoverAt: true, target: { select: { name: true } } } });
  if (!m) throw new AppError("NOT_FOUND", "That migration does not exist.");
  if (m.strategy !== "replicate") throw new AppError("INVALID_INPUT", "Only key-level replication asks to confirm the client switch.");
  if (m.state !== "cutting-over" || m.cutoverAt) throw new AppError("ILLEGAL_TRANSITION", `The migration is ${m.cutoverAt ? "already cut over" : m.state}; clients are switched during a cutover, after the final verification.`);
  const steps = await db.migrationStep.findMany({ where: { migrationId: opts.migrationId, name: { in: ["drain-verify", "switch-clients"] } }, select: { name: true, status: true } });
  if (steps.find((s) => s.name === "drain-verify")?.status !== "done") {
    throw new AppError("ILLEGAL_TRANSITION", "Not yet: keep clients on the source (writes stopped) until the final verification is clean.");
  }
  if (steps.find((s) => s.name === "switch-clients")?.status === "done") return { confirmed: true };
  await recordEvent({
    type: CLIENTS_SWITCHED_EVENT,
    actor: opts.actor,
    migrationId: opts.migrationId,
    message: `${opts.actor.email} confirmed that the clients of "${m.name}" now use ${m.target.name}.`,
    data: {},
  });
  return { confirmed: true };
}
