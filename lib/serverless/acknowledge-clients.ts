import "server-only";
import type { TSessionUser } from "../auth/sessions";
import { db } from "../db";
import { AppError } from "../errors";
import { recordEvent } from "../events/record-event";
import { CLIENTS_POINTED_EVENT } from "./migration-status";

/** The operator's word that the applications use the migration endpoint: the point-clients step and the gate read this event. */
export async function acknowledgeClientsPointed(opts: { actor: TSessionUser; migrationId: string; endpoint: string }): Promise<void> {
  const m = await db.migration.findUnique({ where: { id: opts.migrationId }, select: { strategy: true, state: true, name: true } });
  if (!m) throw new AppError("NOT_FOUND", "That migration does not exist.");
  if (m.strategy !== "serverless-online") throw new AppError("INVALID_INPUT", "Only migrations into ElastiCache Serverless have a migration endpoint.");
  if (m.state !== "running") throw new AppError("ILLEGAL_TRANSITION", `The migration is ${m.state}; clients are pointed at the endpoint while it runs, before the sync.`);
  const step = await db.migrationStep.findUnique({ where: { migrationId_name: { migrationId: opts.migrationId, name: "prepare" } }, select: { status: true } });
  if (step?.status !== "done") throw new AppError("ILLEGAL_TRANSITION", "The migration endpoint exists once PrepareMigration has succeeded.");
  await recordEvent({
    type: CLIENTS_POINTED_EVENT,
    actor: opts.actor,
    migrationId: opts.migrationId,
    message: `${opts.actor.email} confirmed that the applications of "${m.name}" use the migration endpoint ${opts.endpoint}.`,
    data: { endpoint: opts.endpoint },
  });
}
