import "server-only";
import { AppError } from "../../errors";
import type { TSessionUser } from "../../auth/sessions";
import { getMigration } from "../../migrations/get-migration";
import { hasFlow } from "../flows";
import { recordIntent } from "./record-intent";

/** Operator's Start: draft -> running. The runner does the rest (see lib/flows/online.ts, replicaof.ts). */
export async function startMigration(opts: { actor: TSessionUser; migrationId: string }) {
  return recordIntent({
    migrationId: opts.migrationId,
    actor: opts.actor,
    intent: "start",
    async check(m) {
      if (!hasFlow(m.strategy)) throw new AppError("ILLEGAL_TRANSITION", `The ${m.strategy} strategy cannot be run by Ferry.`);
      const view = await getMigration(m.id);
      if (view.startBlockers.length) {
        throw new AppError("PREFLIGHT_FAILED", `Not yet: ${view.startBlockers.map((c) => c.evidence).join(" ")} Set them on the migration's snapshot page, then start.`);
      }
      if (!view.preflightCleared) {
        throw new AppError("ILLEGAL_TRANSITION", view.preflight ? "Pre-flight has failures: fix them and run it again, or record an override." : "Run the pre-flight checks first.");
      }
    },
    data: { startedAt: new Date(), lastError: null },
    message: (m) => `${opts.actor.email} started "${m.name}" (${m.source.name} → ${m.target.name}).`,
  });
}
