import "server-only";
import { AppError } from "../../errors";
import { getMigration } from "../../migrations/get-migration";
import type { TStepDef } from "../types";

/** Re-reads pre-flight at run time: start refused it already, but a fresh failing run may have landed since. */
export const preflightOk: TStepDef = {
  name: "preflight-ok",
  label: "Pre-flight cleared",
  async run(ctx) {
    const m = await getMigration(ctx.migration.id);
    if (!m.preflightCleared) {
      throw new AppError("PREFLIGHT_FAILED", m.preflight ? "The latest pre-flight run has failures and no override." : "Pre-flight has not been run.");
    }
    return { status: "done", detail: { preflightRunId: m.preflight?.id, override: m.preflightOverride ?? undefined } };
  },
};
