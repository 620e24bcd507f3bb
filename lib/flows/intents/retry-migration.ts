import "server-only";
import type { TSessionUser } from "../../auth/sessions";
import { readLastError, readStepDetail, writeStepDetail } from "../../migrations/migration-record";
import { ACTIVE_STATES, type TMigrationState } from "../states";
import { recordIntent } from "./record-intent";

/**
 * Operator's Retry of a failed step: back to the state the step ran under, the step pending again.
 * `retriedAt` in its detail is the operator's consent to re-send a call whose effect never showed.
 */
export async function retryMigration(opts: { actor: TSessionUser; migrationId: string }) {
  const failedFrom = (lastError: string | null) => {
    const state = (readLastError(lastError)?.state ?? null) as TMigrationState | null;
    return state && ACTIVE_STATES.includes(state) ? state : "running";
  };
  return recordIntent({
    migrationId: opts.migrationId,
    actor: opts.actor,
    intent: "retry",
    to: (m) => failedFrom(m.lastError),
    data: { lastError: null },
    async alsoInTransaction(tx, m) {
      const step = readLastError(m.lastError)?.step;
      const row = step ? await tx.migrationStep.findUnique({ where: { migrationId_name: { migrationId: m.id, name: step } } }) : null;
      if (!row) return;
      const detail = readStepDetail(row.detail);
      const next = { ...detail, previousError: detail.error, error: undefined, transientFailures: undefined, lastTransient: undefined, retriedAt: new Date().toISOString() };
      await tx.migrationStep.update({ where: { id: row.id }, data: { status: "pending", endedAt: null, detail: writeStepDetail(next) } });
    },
    message: (m) => `${opts.actor.email} retried "${m.name}" from ${readLastError(m.lastError)?.step ?? "its last step"}.`,
  });
}
