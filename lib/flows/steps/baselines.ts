import "server-only";
import { db } from "../../db";
import { captureEndpointBaseline, type TBaselineLabel } from "../../baselines/capture-endpoint-baseline";
import type { TStepDef } from "../types";

/**
 * Baselines of both ends tied to the migration. Idempotent: one the operator (or an earlier pass)
 * already captured with the same label is reused rather than taken again.
 */
function baselineStep(name: string, label: string, which: TBaselineLabel): TStepDef {
  return {
    name,
    label,
    async run(ctx) {
      const ids: Record<string, string> = {};
      for (const [side, endpointId] of [["source", ctx.migration.sourceId], ["target", ctx.migration.targetId]] as const) {
        const existing = await db.baseline.findFirst({
          where: { migrationId: ctx.migration.id, endpointId, label: which, ...(which === "after" ? { capturedAt: { gte: ctx.migration.cutoverAt ?? new Date(0) } } : {}) },
          orderBy: { capturedAt: "desc" },
          select: { id: true },
        });
        ids[`${side}BaselineId`] = existing?.id ?? (await captureEndpointBaseline({ actor: null, endpointId, label: which, migrationId: ctx.migration.id })).id;
      }
      return { status: "done", detail: ids };
    },
  };
}

export const baselineBefore = baselineStep("baseline-before", "Baselines before", "before");
export const baselineAfter = baselineStep("baseline-after", "Baselines after", "after");
