import "server-only";
import type { TStepDef } from "../types";

/**
 * Waits for an operator's cutover. The gate itself is checked twice elsewhere: by the cutover
 * service when the operator clicks, and by the complete step right before the call (which holds
 * the confirmation while the gate is closed, and lets it lapse only after cutoverHoldMs).
 */
export const cutoverGate: TStepDef = {
  name: "cutover-gate",
  label: "Cutover gate",
  async run(ctx) {
    const m = ctx.migration;
    if (m.state === "cutting-over") {
      return { status: "done", detail: { requestedBy: m.intentBy, requestedAt: m.intentAt?.toISOString(), lapsed: undefined } };
    }
    const lapsed = ctx.detail.lapsed as { reason?: string } | undefined;
    return { status: "waiting", note: `In sync; waiting for an operator to cut over.${lapsed?.reason ? ` The last confirmation did not go through: ${lapsed.reason}.` : ""}` };
  },
};
