import "server-only";
import { db } from "../../db";
import type { TStepDef } from "../types";

const ACTIVE = ["queued", "running"];
const ENDED = ["done", "failed", "cancelled"];

/**
 * Hands over to lib/verify: queues one VerificationRun (or adopts the one already queued or
 * running for this migration) and waits for it only while something is processing it. If no
 * worker picks it up within verifyPickupMs the step completes with the run still queued, so a
 * deployment without a verification worker never blocks the migration's end.
 */
export const verifyHandOff: TStepDef = {
  name: "verify",
  label: "Verification queued",
  async run(ctx) {
    let runId = ctx.detail.verificationRunId as string | undefined;
    if (!runId) {
      const active = await db.verificationRun.findFirst({ where: { migrationId: ctx.migration.id, status: { in: ACTIVE } }, select: { id: true } });
      runId = active?.id ?? (await db.verificationRun.create({ data: { migrationId: ctx.migration.id, status: "queued", requestedBy: "runner" }, select: { id: true } })).id;
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
