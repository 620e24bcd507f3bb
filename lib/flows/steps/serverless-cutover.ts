import "server-only";
import { completeServerlessMigration } from "../../aws/serverless-migration-query";
import { evaluateCutoverGate } from "../../monitor/cutover-gate";
import { serverlessCacheEvents } from "../../serverless/serverless-events";
import { finishCutover, recordCutoverMoment } from "../record-cutover";
import { sendOnce, sentAtOf, sentEarlierWithoutRetry } from "../write-ahead";
import { describeClosedGate } from "../../monitor/describe-closed-gate";
import { holdCutover } from "../cutover-hold";
import type { TStepDef } from "../types";
import { awaitPromotion } from "./online-complete";
import { isCompleted } from "../../serverless/migration-status";
import { cacheName, readCache, targetClients } from "./serverless-world";

/**
 * Manual mode: waits for an operator's cutover, re-checks Ferry's gate, sends CompleteMigration
 * once. Auto mode: AWS cuts over by itself; Ferry records when (from the cache's events).
 */
export const serverlessCutover: TStepDef = {
  name: "cutover",
  label: "Cutover",
  async run(ctx) {
    const name = cacheName(ctx);
    const m = (await readCache(ctx)).migration;
    const auto = m?.cutoverMode === "auto";
    if (isCompleted(m?.status)) {
      if (auto && !ctx.migration.cutoverAt) {
        const events = await serverlessCacheEvents(await targetClients(ctx), name, ctx.migration.startedAt ?? new Date(0));
        const done = events.find((e) => /complet|cut ?over/i.test(e.message));
        const at = done ? new Date(done.at) : new Date();
        await recordCutoverMoment(ctx, { source: null, target: null, note: `automatic cutover by AWS${done ? `, reported at ${done.at}: ${done.message}` : ""}` }, Number.isNaN(at.getTime()) ? new Date() : at);
        await ctx.event("aws.auto_cutover", `AWS cut ${name} over automatically${done ? ` (${done.at})` : ""}.`, { awsEvent: done });
      }
      return finishCutover(ctx, auto ? "AWS cut over automatically" : ctx.detail.sentAt ? "CompleteMigration done" : "found completed (outside Ferry?)");
    }
    if (/cutting/i.test(m?.status ?? "")) return ctx.detail.sentAt ? awaitPromotion(ctx, m!.status, "CompleteMigration") : { status: "waiting", note: "AWS is cutting over." };
    if (auto) return { status: "waiting", detail: { migrationStatus: m?.status }, note: "Automatic cutover: AWS completes it at the next fully synced window." };
    if (sentEarlierWithoutRetry(ctx.detail)) return awaitPromotion(ctx, m?.status ?? "absent", "CompleteMigration");
    if (ctx.migration.state !== "cutting-over") return { status: "waiting", detail: { migrationStatus: m?.status }, note: "In sync; waiting for an operator to cut over." };

    const gate = await evaluateCutoverGate({ migrationId: ctx.migration.id });
    if (!gate.open) return holdCutover(ctx, describeClosedGate(gate));
    const clients = await targetClients(ctx);
    let out;
    try {
      out = await sendOnce(ctx, { call: "CompleteMigration", record: { gate }, send: () => completeServerlessMigration(clients, { name }) });
    } catch (err) {
      const e = err as { detail?: Record<string, unknown> };
      // A refusal clears the marker (sendOnce); AWS saying "not in sync" holds the confirmation like a closed gate.
      if (e.detail?.awsCode === "InvalidServerlessCacheStateFault") return holdCutover(ctx, `AWS refused: ${String(e.detail.awsMessage)}`);
      throw err;
    }
    // The moment of the call (the marker), not of this pass: a runner that recovers later records the same.
    await recordCutoverMoment(ctx, { source: null, target: null, note: "CompleteMigration accepted; offsets are not readable through a serverless endpoint" }, sentAtOf(ctx.detail)!);
    await ctx.event("aws.complete_migration", `CompleteMigration accepted for ${name}.`, { requestId: out.requestId });
    return { status: "waiting", detail: { requestId: out.requestId }, note: "Cutover in progress." };
  },
};
