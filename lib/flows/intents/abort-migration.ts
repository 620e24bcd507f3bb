import "server-only";
import { AppError } from "../../errors";
import type { TSessionUser } from "../../auth/sessions";
import { confirmTargetName } from "./confirm-target-name";
import { recordIntent } from "./record-intent";

/** Operator's Abort: the runner stops replication (CompleteMigration Force / REPLICAOF NO ONE) and marks it aborted. */
export async function abortMigration(opts: { actor: TSessionUser; migrationId: string; confirmName: string }) {
  return recordIntent({
    migrationId: opts.migrationId,
    actor: opts.actor,
    intent: "abort",
    async check(m) {
      if (m.cutoverAt) throw new AppError("ILLEGAL_TRANSITION", "The target was already promoted at cutover; there is no replication left to abort.");
      confirmTargetName(m.target.name, opts.confirmName);
    },
    data: { lastError: null },
    message: (m) => `${opts.actor.email} aborted "${m.name}": replication into ${m.target.name} will be stopped.`,
  });
}
