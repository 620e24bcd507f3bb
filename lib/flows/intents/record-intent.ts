import "server-only";
import type { Endpoint, Migration, Prisma } from "@prisma/client";
import { db } from "../../db";
import { AppError } from "../../errors";
import { recordEvent } from "../../events/record-event";
import type { TSessionUser } from "../../auth/sessions";
import { INTENT_TRANSITIONS, type TIntent, type TMigrationState } from "../states";

export type TMigrationWithEnds = Migration & { source: Endpoint; target: Endpoint };

type TRecordIntentOptions = {
  migrationId: string;
  actor: TSessionUser;
  intent: TIntent;
  /** Validation beyond the state (confirmation, pre-flight, gate); throws an AppError to refuse. */
  check?: (m: TMigrationWithEnds) => Promise<void>;
  /** Where the migration goes; defaults to the intent's transition target. */
  to?: (m: TMigrationWithEnds) => TMigrationState;
  data?: Prisma.MigrationUpdateManyMutationInput;
  /** Writes that must land with the transition or not at all (e.g. resetting the failed step). */
  alsoInTransaction?: (tx: Prisma.TransactionClient, m: TMigrationWithEnds) => Promise<void>;
  message: (m: TMigrationWithEnds, to: TMigrationState) => string;
};

/**
 * Records an operator's intent with an optimistic lock: the update only matches the version and
 * state that were read and checked, so of two operators clicking at once exactly one wins and the
 * other is re-checked against the new state (and refused with a clear message).
 */
export async function recordIntent(opts: TRecordIntentOptions): Promise<{ state: TMigrationState; version: number }> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const m = await db.migration.findUnique({ where: { id: opts.migrationId }, include: { source: true, target: true } });
    if (!m) throw new AppError("NOT_FOUND", "That migration does not exist.");
    const from = m.state as TMigrationState;
    if (!INTENT_TRANSITIONS[opts.intent].from.includes(from)) throw new AppError("ILLEGAL_TRANSITION", refusal(opts.intent, m));
    await opts.check?.(m);
    const to = opts.to?.(m) ?? (INTENT_TRANSITIONS[opts.intent].to as TMigrationState);
    const won = await db.$transaction(async (tx) => {
      const { count } = await tx.migration.updateMany({
        where: { id: m.id, version: m.version, state: from },
        data: { ...opts.data, state: to, intent: opts.intent, intentBy: opts.actor.email, intentAt: new Date(), version: { increment: 1 } },
      });
      if (count === 1) await opts.alsoInTransaction?.(tx, m);
      return count === 1;
    });
    if (won) {
      await recordEvent({ type: `migration.${opts.intent}_requested`, actor: opts.actor, migrationId: m.id, message: opts.message(m, to), data: { from, to } });
      return { state: to, version: m.version + 1 };
    }
  }
  throw new AppError("CONFLICT", "The migration kept changing while your request was recorded. Reload and try again.");
}

function refusal(intent: TIntent, m: Migration): string {
  const state = m.state as TMigrationState;
  const by = m.intentBy ? ` by ${m.intentBy} at ${m.intentAt?.toISOString().replace("T", " ").slice(0, 19)} UTC` : "";
  if (state === "completed") return "This migration is completed; there is nothing left to do.";
  if (state === "aborted") return "This migration was aborted. Plan a new one to try again.";
  switch (intent) {
    case "start":
      return `This migration has already been started (it is ${state}).`;
    case "cutover":
      if (state === "draft") return "Start the migration first: there is nothing to cut over yet.";
      if (state === "running") return "Wait for the initial sync: cutover is possible once the migration is in sync.";
      if (state === "cutting-over") return `Cutover was already requested${by}.`;
      if (state === "aborting") return `An abort was requested${by}.`;
      return "The migration failed: Retry or Abort it first.";
    case "abort":
      if (state === "draft") return "Nothing to abort: the migration has not started.";
      if (state === "aborting") return `An abort is already in progress (requested${by}).`;
      return "Cutover is in progress; it can no longer be aborted.";
    case "retry":
      return `Only a failed migration can be retried (this one is ${state}).`;
  }
}
