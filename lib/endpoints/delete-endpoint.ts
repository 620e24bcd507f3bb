import "server-only";
import { db } from "../db";
import { AppError } from "../errors";
import { recordEvent } from "../events/record-event";
import type { TSessionUser } from "../auth/sessions";

/** Forgets an endpoint; refused while a migration uses it (the audit trail must keep its ends). */
export async function deleteEndpoint(opts: { actor: TSessionUser; id: string }): Promise<void> {
  const row = await db.endpoint.findUnique({ where: { id: opts.id }, include: { _count: { select: { sourceOf: true, targetOf: true } } } });
  if (!row) throw new AppError("NOT_FOUND", "That endpoint does not exist.");
  if (row._count.sourceOf + row._count.targetOf > 0) {
    throw new AppError("CONFLICT", `${row.name} is used by a migration and cannot be removed.`);
  }
  await db.endpoint.delete({ where: { id: row.id } });
  await recordEvent({ type: "endpoint.deleted", actor: opts.actor, message: `${opts.actor.email} removed endpoint ${row.name}` });
}
