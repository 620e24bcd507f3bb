import "server-only";
import { db } from "../../db";
import { readFinalOffsets, readStepDetail } from "../../migrations/migration-record";
import type { TStepDef } from "../types";

/**
 * Closes the run: gathers the ids the report builder needs into one place (the step's detail)
 * and marks the migration completed. Rendering the report is lib/report's job.
 */
export const reportStep: TStepDef = {
  name: "report",
  label: "Report",
  advance: { from: "cutting-over", to: "completed" },
  async run(ctx) {
    const steps = await db.migrationStep.findMany({ where: { migrationId: ctx.migration.id }, select: { name: true, detail: true } });
    const detailOf = (name: string) => readStepDetail(steps.find((s) => s.name === name)?.detail);
    const m = ctx.migration;
    return {
      status: "done",
      detail: {
        cutoverAt: m.cutoverAt?.toISOString(),
        finalOffsets: readFinalOffsets(m.finalOffsets),
        baselinesBefore: detailOf("baseline-before"),
        baselinesAfter: detailOf("baseline-after"),
        verificationRunId: detailOf("verify").verificationRunId ?? null,
        watchUntil: m.watchUntil?.toISOString(),
      },
    };
  },
};
