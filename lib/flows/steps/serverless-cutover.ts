import "server-only";
import { completeServerlessMigration } from "../../aws/serverless-migration-query";
import { evaluateCutoverGate } from "../../monitor/cutover-gate";
import { serverlessCacheEvents } from "../../serverless/serverless-events";
import { finishCutover, recordCutoverMoment } from "../record-cutover";
import { refusedByAws, sentEarlierWithoutRetry } from "../write-ahead";
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
        await recordCutoverMoment(ctx, { source: null, target: null, note: `automatic cutover by AWS${done ? `, reported at ${done.at}: ${done.message}` : ""}` });
        await ctx.event("aws.auto_cutover", `AWS cut ${name} over automatically${done ? ` (${done.at})` : ""}.`, { awsEvent: done });
      }
      return finishCutover(ctx, auto ? "AWS cut over automatically" : ctx.detail.sentAt ? "CompleteMigration done" : "found completed (outside Ferry?)");
    }
    if (/cutting/i.test(m?.status ?? "")) return ctx.detail.sentAt ? awaitPromotion(ctx, m!.status, "CompleteMigration") : { status: "waiting", note: "AWS is cutting over." };
    if (auto) return { status: "waiting", detail: { migrationStatus: m?.status }, note: "Automatic cutover: AWS completes it at the next fully synced window." };
    if (sentEarlierWithoutRetry(ctx.detail)) return awaitPromotion(ctx, m?.status ?? "absent", "CompleteMigration");
    if (ctx.migration.state !== "cutting-over") return { status: "waiting", detail: { migrationStatus: m?.status }, note: "In sync; waiting for an operator to cut over." };

    const gate = await evaluateCutoverGate({ migrationId: ctx.migration.id });
    if (!gate.open) return { status: "back-to-gate", reason: gate.conditions.filter((c) => !c.ok).map((c) => `${c.label}: ${c.detail}`).join("; "), detail: { gate } };
    await ctx.assertLease();
    await ctx.saveDetail({ sentAt: new Date().toISOString(), gate });
    let out;
    try {
      out = await completeServerlessMigration(await targetClients(ctx), { name });
    } catch (err) {
      const e = err as { detail?: Record<string, unknown> };
      if (e.detail?.awsCode === "InvalidServerlessCacheStateFault") {
        await ctx.saveDetail({ sentAt: null });
        return { status: "back-to-gate", reason: `AWS refused: ${String(e.detail.awsMessage)}` };
      }
      if (refusedByAws(e)) await ctx.saveDetail({ sentAt: null });
      throw err;
    }
    await ctx.afterWorldChange("CompleteMigration");
    await recordCutoverMoment(ctx, { source: null, target: null, note: "CompleteMigration accepted; offsets are not readable through a serverless endpoint" });
    await ctx.event("aws.complete_migration", `CompleteMigration accepted for ${name}.`, { requestId: out.requestId });
    return { status: "waiting", detail: { requestId: out.requestId }, note: "Cutover in progress." };
  },
};
