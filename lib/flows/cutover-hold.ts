import "server-only";
import type { TFlowContext, TStepOutcome } from "./types";

/**
 * The operator confirmed the cutover, but right before the call the gate (or AWS's own sync check)
 * says "not now". Nothing is sent and the confirmation is kept: the step looks again on every pass
 * and cuts over once the gate holds again. Only after cutoverHoldMs from the confirmation does it
 * lapse, back to in-sync, with the reason on the page and in the audit log.
 */
export async function holdCutover(ctx: TFlowContext, reason: string): Promise<TStepOutcome> {
  const m = ctx.migration;
  const confirmedAt = m.intentAt ?? ctx.stepStartedAt ?? new Date();
  const by = m.intentBy ? ` by ${m.intentBy}` : "";
  const at = confirmedAt.toISOString().replace("T", " ").slice(0, 19);
  const heldMs = Date.now() - confirmedAt.getTime();
  if (heldMs >= ctx.options.cutoverHoldMs) {
    const minutes = Math.round(ctx.options.cutoverHoldMs / 6_000) / 10;
    return { status: "back-to-gate", reason: `the cutover confirmed${by} at ${at} UTC lapsed: nothing was sent because ${reason} for ${minutes} min after the confirmation. Confirm again once the gate is open` };
  }
  if (typeof ctx.detail.heldSince !== "string") {
    await ctx.event("migration.cutover_held", `Cutover confirmed${by} is held, nothing sent: ${reason}. It goes ahead once the gate holds again.`, { reason }, "warn");
  }
  const lapsesAt = new Date(confirmedAt.getTime() + ctx.options.cutoverHoldMs).toISOString().replace("T", " ").slice(0, 19);
  return {
    status: "waiting",
    detail: { heldSince: ctx.detail.heldSince ?? new Date().toISOString(), holdReason: reason },
    note: `Cutover confirmed${by}; held because ${reason}. Ferry cuts over once the gate holds again (the confirmation lapses at ${lapsesAt} UTC).`,
  };
}
