import "server-only";
import { AppError } from "../../errors";
import type { TStepDef } from "../types";
import { isCompleted, isInSync } from "../../serverless/migration-status";
import { cacheName, readCache } from "./serverless-world";

/** In sync = AWS's MigrationSummary says so (Ferry cannot read the cache itself: its endpoint serves the source until cutover). */
export const serverlessWaitInSync: TStepDef = {
  name: "wait-in-sync",
  label: "Initial sync",
  advance: { from: "running", to: "in-sync" },
  async run(ctx) {
    const m = (await readCache(ctx)).migration;
    const detail = { migrationStatus: m?.status, cutoverMode: m?.cutoverMode };
    if (!m || /stop/i.test(m.status)) throw new AppError("AWS_ERROR", `The migration into ${cacheName(ctx)} is ${m ? m.status : "gone"}: it no longer replicates (see its events).`, { awsCode: "MigrationStopped" });
    if (isInSync(m.status) || isCompleted(m.status) || /cutting/i.test(m.status)) return { status: "done", detail };
    return { status: "waiting", detail, note: `AWS reports ${m.status}.` };
  },
};
