import "server-only";
import { AppError } from "../../errors";
import type { TSessionUser } from "../../auth/sessions";
import { evaluateCutoverGate } from "../../monitor/cutover-gate";
import { describeClosedGate } from "../../monitor/describe-closed-gate";
import { confirmTargetName } from "./confirm-target-name";
import { recordIntent } from "./record-intent";

/**
 * Operator's Cut over: in-sync -> cutting-over, only with the target's name typed back and the gate
 * open now. The runner checks the gate again right before CompleteMigration / REPLICAOF NO ONE.
 */
export async function cutoverMigration(opts: { actor: TSessionUser; migrationId: string; confirmName: string }) {
  return recordIntent({
    migrationId: opts.migrationId,
    actor: opts.actor,
    intent: "cutover",
    async check(m) {
      confirmTargetName(m.target.name, opts.confirmName);
      const gate = await evaluateCutoverGate({ migrationId: m.id });
      if (!gate.open) throw new AppError("ILLEGAL_TRANSITION", `Not now: ${describeClosedGate(gate)}.`);
    },
    message: (m) => `${opts.actor.email} requested cutover of "${m.name}" to ${m.target.name}.`,
  });
}
