import "server-only";
import { AppError } from "../../errors";
import { evaluateCutoverGate } from "../../monitor/cutover-gate";
import { describeClosedGate } from "../../monitor/describe-closed-gate";
import { infoString, parseInfo } from "../../redis/info";
import { holdCutover } from "../cutover-hold";
import { finishCutover, recordCutoverMoment } from "../record-cutover";
import { readOffsets, readReplication, replicatesFrom, type TReplicationView } from "../world";
import { sendOnce, sentAtOf } from "../write-ahead";
import type { TFlowContext, TStepDef } from "../types";
import { sourceAddress } from "./online-test";

const describeMaster = (v: TReplicationView) => `${v.masterHost}:${v.masterPort}`;

/**
 * REPLICAOF of the source to itself (127.0.0.1:P and localhost:P, an alias, a NAT) would make the
 * production source a read-only replica. Addresses cannot tell; the servers' run_id can.
 */
async function refuseSameServer(ctx: TFlowContext): Promise<void> {
  const runId = async (c: Promise<{ info(section: string): Promise<string> }>) => infoString(parseInfo(await (await c).info("server")), "run_id");
  const [src, tgt] = await Promise.all([runId(ctx.sourceRedis()), runId(ctx.targetRedis())]);
  if (src && src === tgt) {
    throw new AppError("PREFLIGHT_FAILED", `The source ${ctx.migration.source.name} and the target ${ctx.migration.target.name} are the same server (both report run_id ${src}). Ferry will not send REPLICAOF: the source would become a read-only replica of itself. Abort, and plan a migration to a different server.`);
  }
}

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
    if (tgt.role !== "primary") throw replicatingElsewhere(ctx, tgt);
    await refuseSameServer(ctx);
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
    if (view.role !== "primary") throw replicatingElsewhere(ctx, view);
    await refuseSameServer(ctx);
    const admin = await ctx.targetAdmin();
    await sendOnce(ctx, { call: "REPLICAOF", send: () => admin.replicaof(host, port) });
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
      if (view.role === "primary") throw new AppError("CONFLICT", `The target ${ctx.migration.target.name} is a primary again (REPLICAOF NO ONE outside Ferry?). Abort, or repoint it yourself and Retry.`);
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
    if (view.role === "primary") return finishCutover(ctx, ctx.detail.sentAt ? "promoted" : "found promoted (outside Ferry?)");
    if (!replicatesFrom(view, sourceAddress(ctx))) throw replicatingElsewhere(ctx, view);
    const gate = await evaluateCutoverGate({ migrationId: ctx.migration.id });
    if (!gate.open) return holdCutover(ctx, describeClosedGate(gate));
    const finalOffsets = await readOffsets(ctx);
    const admin = await ctx.targetAdmin();
    await sendOnce(ctx, { call: "REPLICAOF NO ONE", record: { gate, finalOffsets }, send: () => admin.replicaof("NO", "ONE") });
    await recordCutoverMoment(ctx, finalOffsets, sentAtOf(ctx.detail)!);
    await ctx.event("redis.replicaof_no_one", `REPLICAOF NO ONE on ${ctx.migration.target.name}; final offsets source ${finalOffsets.source}, target ${finalOffsets.target}.`, { finalOffsets });
    return finishCutover(ctx, "promoted");
  },
};

export const replicaofAbort: TStepDef = {
  name: "abort",
  label: "Abort (REPLICAOF NO ONE)",
  async run(ctx) {
    const view = await readReplication(await ctx.targetRedis());
    if (!replicatesFrom(view, sourceAddress(ctx))) return { status: "done", detail: { observed: view.role === "primary" ? "the target is a primary" : `left alone: replicates from ${describeMaster(view)}` } };
    const admin = await ctx.targetAdmin();
    await sendOnce(ctx, { call: "REPLICAOF NO ONE", send: () => admin.replicaof("NO", "ONE") });
    await ctx.event("redis.replicaof_no_one", `REPLICAOF NO ONE on ${ctx.migration.target.name} (abort).`, {}, "warn");
    return { status: "done", detail: { observed: "stopped" } };
  },
};
