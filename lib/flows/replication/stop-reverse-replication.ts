import "server-only";
import type { TSessionUser } from "../../auth/sessions";
import { db } from "../../db";
import { AppError } from "../../errors";
import { recordEvent } from "../../events/record-event";
import { markReplicationStopped } from "./create-replication";

/** The operator ends the way back early: reverse replication stops at its process's next tick. */
export async function stopReverseReplication(opts: { actor: TSessionUser; migrationId: string }): Promise<{ stopped: true }> {
  const m = await db.migration.findUnique({ where: { id: opts.migrationId }, select: { name: true, source: { select: { name: true } } } });
  if (!m) throw new AppError("NOT_FOUND", "That migration does not exist.");
  if (!(await markReplicationStopped({ migrationId: opts.migrationId, direction: "reverse", reason: "stopped by an operator", by: opts.actor.email }))) {
    throw new AppError("ILLEGAL_TRANSITION", "Reverse replication is not running for this migration.");
  }
  await recordEvent({
    type: "replication.reverse_stopped",
    actor: opts.actor,
    migrationId: opts.migrationId,
    level: "warn",
    message: `${opts.actor.email} stopped reverse replication of "${m.name}": writes to the new target no longer reach ${m.source.name}.`,
  });
  return { stopped: true };
}
