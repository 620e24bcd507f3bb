import "server-only";
import { db } from "../../db";
import { isAppError } from "../../errors";
import { enqueueVerification } from "../../verify/jobs/start-verification";
import { TERMINAL_STATUSES } from "../../verify/jobs/verification-options";
import type { TStepDef } from "../types";

const ENDED: readonly string[] = TERMINAL_STATUSES;

/**
 * Hands over to lib/verify: queues one VerificationRun (or adopts the one already queued or
 * running for this migration) and waits for it only while something is processing it. If no
 * worker picks it up within verifyPickupMs the step completes with the run still queued, so a
 * deployment without a verification worker never blocks the migration's end.
 */
export function verifyStep(options?: { rounds?: number; reverse?: boolean }): TStepDef {
  return {
    name: "verify",
    label: "Verification queued",
    async run(ctx) {
      let runId = ctx.detail.verificationRunId as string | undefined;
      if (!runId) {
        try {
          runId = (await enqueueVerification({ migrationId: ctx.migration.id, requestedBy: "runner", options })).id;
        } catch (err) {
          if (!(isAppError(err) && err.code === "CONFLICT" && typeof err.detail?.activeRunId === "string")) throw err;
          runId = err.detail.activeRunId;
        }
        await ctx.saveDetail({ verificationRunId: runId, queuedAt: new Date().toISOString() });
        await ctx.event("verify.queued", `Verification run queued (${runId}).`, { verificationRunId: runId });
      }
      const run = await db.verificationRun.findUnique({ where: { id: runId }, select: { status: true, startedAt: true } });
      const queuedAt = Date.parse(String(ctx.detail.queuedAt ?? new Date().toISOString()));
      const status = run?.status ?? "missing";
      if (ENDED.includes(status) || status === "missing") return { status: "done", detail: { verificationRunId: runId, verificationStatus: status } };
      if (status === "queued" && Date.now() - queuedAt >= ctx.options.verifyPickupMs) {
        return { status: "done", detail: { verificationRunId: runId, verificationStatus: "queued" }, note: "Queued; no worker picked it up in time, the migration does not wait for it." };
      }
      const startedAt = run?.startedAt?.getTime() ?? queuedAt;
      if (status === "running" && Date.now() - startedAt >= ctx.options.verifyWaitMs) {
        return { status: "done", detail: { verificationRunId: runId, verificationStatus: "running" }, note: "Still running; its result lands on the verification page." };
      }
      return { status: "waiting", detail: { verificationRunId: runId, verificationStatus: status } };
    },
  };
}

/** The online and replicaof flows: the worker's defaults (3 rounds, reverse pass). */
export const verifyHandOff = verifyStep();
