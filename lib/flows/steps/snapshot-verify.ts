import "server-only";
import { db } from "../../db";
import { isAppError } from "../../errors";
import { enqueueVerification } from "../../verify/start-verification";
import type { TStepDef } from "../types";

const ENDED = ["done", "failed", "cancelled"];

/**
 * Queues a verification of the new group against the still-running source through lib/verify
 * (one round: writes after the snapshot moment are expected differences, not ones to wait out),
 * then waits for it like the online flow's verify step: only while a worker is processing it.
 */
export const snapshotVerify: TStepDef = {
  name: "verify",
  label: "Verification queued",
  async run(ctx) {
    let runId = ctx.detail.verificationRunId as string | undefined;
    if (!runId) {
      try {
        runId = (await enqueueVerification({ migrationId: ctx.migration.id, requestedBy: "runner", options: { rounds: 1, reverse: true } })).id;
      } catch (err) {
        if (!(isAppError(err) && err.code === "CONFLICT" && typeof err.detail?.activeRunId === "string")) throw err;
        runId = err.detail.activeRunId;
      }
      await ctx.saveDetail({ verificationRunId: runId, queuedAt: new Date().toISOString() });
      await ctx.event("verify.queued", `Verification run queued (${runId}).`, { verificationRunId: runId });
    }
    const run = await db.verificationRun.findUnique({ where: { id: runId }, select: { status: true, startedAt: true } });
    const status = run?.status ?? "missing";
    const queuedAt = Date.parse(String(ctx.detail.queuedAt));
    if (ENDED.includes(status) || status === "missing") return { status: "done", detail: { verificationRunId: runId, verificationStatus: status } };
    if (status === "queued" && Date.now() - queuedAt >= ctx.options.verifyPickupMs) {
      return { status: "done", detail: { verificationRunId: runId, verificationStatus: "queued" }, note: "Queued; no worker picked it up in time, the migration does not wait for it." };
    }
    if (status === "running" && Date.now() - (run?.startedAt?.getTime() ?? queuedAt) >= ctx.options.verifyWaitMs) {
      return { status: "done", detail: { verificationRunId: runId, verificationStatus: "running" }, note: "Still running; its result lands on the verification page." };
    }
    return { status: "waiting", detail: { verificationRunId: runId, verificationStatus: status } };
  },
};
