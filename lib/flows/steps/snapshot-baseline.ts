import "server-only";
import { db } from "../../db";
import { captureEndpointBaseline } from "../../baselines/capture-endpoint-baseline";
import type { TStepDef } from "../types";

/** The source's "before" baseline (the target does not exist yet in a snapshot migration). */
export const snapshotBaselineBefore: TStepDef = {
  name: "baseline-before",
  label: "Baseline of the source",
  async run(ctx) {
    const m = ctx.migration;
    const existing = await db.baseline.findFirst({ where: { migrationId: m.id, endpointId: m.sourceId, label: "before" }, orderBy: { capturedAt: "desc" }, select: { id: true } });
    const id = existing?.id ?? (await captureEndpointBaseline({ actor: null, endpointId: m.sourceId, label: "before", migrationId: m.id })).id;
    return { status: "done", detail: { sourceBaselineId: id } };
  },
};
