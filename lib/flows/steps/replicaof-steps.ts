import "server-only";
import { AppError } from "../../errors";
import { evaluateCutoverGate } from "../../monitor/cutover-gate";
import { finishCutover, recordCutoverMoment } from "../record-cutover";
import { readOffsets, readReplication, replicatesFrom, type TReplicationView } from "../world";
import type { TFlowContext, TStepDef } from "../types";
import { sourceAddress } from "./online-test";

const describeMaster = (v: TReplicationView) => `${v.masterHost}:${v.masterPort}`;

function replicatingElsewhere(ctx: TFlowContext, view: TReplicationView): AppError {
  return new AppError("CONFLICT", `The target ${ctx.migration.target.name} replicates from ${describeMaster(view)}, not from this source. Ferry will not repoint it.`);
}

/** Nothing changes here: both ends answer, the target is a primary (or already ours), and AUTH can work. */
export const replicaofTest: TStepDef = {
  name: "test",
  label: "Check both ends",
  async run(ctx) {
    const src = await readReplication(await ctx.sourceRedis());
    const tgt = await readReplication(await ctx.targetRedis());
    if (replicatesFrom(tgt, sourceAddress(ctx))) return { status: "done", detail: { skipped: "the target already replicates from this source" } };
    if (tgt.role !== "master") throw replicatingElsewhere(ctx, tgt);
    if (ctx.migration.source.passwordEnc) {
      const [, masterauth] = (await (await ctx.targetAdmin()).config("GET", "masterauth")) as string[];
      if (!masterauth) throw new AppError("PREFLIGHT_FAILED", "The source needs AUTH but the target has no masterauth: set it on the target (CONFIG SET masterauth ...) and Retry.");
    }
    return { status: "done", detail: { sourceRole: src.role, targetRole: tgt.role } };
  },
};

export const replicaofStart: TStepDef = {
  name: "start",
  label: "REPLICAOF source",
  async run(ctx) {
    const view = await readReplication(await ctx.targetRedis());
    const { host, port } = sourceAddress(ctx);
    if (replicatesFrom(view, { host, port })) return { status: "done", detail: { observed: "target replicates from the source" } };
    if (view.role !== "master") throw replicatingElsewhere(ctx, view);
    await ctx.assertLease();
    await ctx.saveDetail({ sentAt: new Date().toISOString() });
    await (await ctx.targetAdmin()).replicaof(host, port);
    await ctx.afterWorldChange("REPLICAOF");
    await ctx.event("redis.replicaof", `REPLICAOF ${host} ${port} on the target ${ctx.migration.target.name}: it now replicates from the source.`);
    return { status: "done" };
  },
};

export const replicaofWaitInSync: TStepDef = {
  name: "wait-in-sync",
  label: "Initial sync",
  advance: { from: "running", to: "in-sync" },
  async run(ctx) {
    const view = await readReplication(await ctx.targetRedis());
    const detail = { linkUp: view.linkUp, syncInProgress: view.syncInProgress, syncPercent: view.syncPercent };
    if (!replicatesFrom(view, sourceAddress(ctx))) {
      if (view.role === "master") throw new AppError("CONFLICT", `The target ${ctx.migration.target.name} is a primary again (REPLICAOF NO ONE outside Ferry?). Abort, or repoint it yourself and Retry.`);
      throw replicatingElsewhere(ctx, view);
    }
    if (view.linkUp && !view.syncInProgress) return { status: "done", detail };
    return { status: "waiting", detail, note: view.syncInProgress ? `Initial sync ${view.syncPercent ?? "?"}%` : "Link down" };
  },
};

/** REPLICAOF NO ONE is idempotent on the server, but the world is still read first so the moment is recorded once. */
export const replicaofComplete: TStepDef = {
  name: "complete",
  label: "REPLICAOF NO ONE",
  async run(ctx) {
    const view = await readReplication(await ctx.targetRedis());
    if (view.role === "master") return finishCutover(ctx, ctx.detail.sentAt ? "promoted" : "found promoted (outside Ferry?)");
    if (!replicatesFrom(view, sourceAddress(ctx))) throw replicatingElsewhere(ctx, view);
    const gate = await evaluateCutoverGate({ migrationId: ctx.migration.id });
    if (!gate.open) return { status: "back-to-gate", reason: gate.conditions.filter((c) => !c.ok).map((c) => `${c.label}: ${c.detail}`).join("; "), detail: { gate } };
    const finalOffsets = await readOffsets(ctx);
    await ctx.assertLease();
    await ctx.saveDetail({ sentAt: new Date().toISOString(), gate, finalOffsets });
    await (await ctx.targetAdmin()).replicaof("NO", "ONE");
    await ctx.afterWorldChange("REPLICAOF NO ONE");
    await recordCutoverMoment(ctx, finalOffsets);
    await ctx.event("redis.replicaof_no_one", `REPLICAOF NO ONE on ${ctx.migration.target.name}; final offsets source ${finalOffsets.source}, target ${finalOffsets.target}.`, { finalOffsets });
    return finishCutover(ctx, "promoted");
  },
};

export const replicaofAbort: TStepDef = {
  name: "abort",
  label: "Abort (REPLICAOF NO ONE)",
  async run(ctx) {
    const view = await readReplication(await ctx.targetRedis());
    if (!replicatesFrom(view, sourceAddress(ctx))) return { status: "done", detail: { observed: view.role === "master" ? "the target is a primary" : `left alone: replicates from ${describeMaster(view)}` } };
    await ctx.assertLease();
    await ctx.saveDetail({ sentAt: new Date().toISOString() });
    await (await ctx.targetAdmin()).replicaof("NO", "ONE");
    await ctx.afterWorldChange("REPLICAOF NO ONE");
    await ctx.event("redis.replicaof_no_one", `REPLICAOF NO ONE on ${ctx.migration.target.name} (abort).`, {}, "warn");
    return { status: "done", detail: { observed: "stopped" } };
  },
};
