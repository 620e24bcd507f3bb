import "server-only";
import { finishCutover, recordCutoverMoment } from "../record-cutover";
import { createReplication, markReplicationStopped, replicationLetGo } from "../replication/create-replication";
import { readReplication } from "../../replication-store/read-replication";
import { readReplicateOptions } from "../../migrations/migration-record";
import { replicationOptionsFor } from "../replication/replication-options-for";
import { replicationDbCount } from "../replication/replication-db-count";
import type { TFlowContext, TStepDef } from "../types";

/**
 * The way back listens to the new target: with its notifications off it would sit idle and look
 * armed. Null when they are on, or unknown (CONFIG refused, as on ElastiCache: its parameter group decides).
 */
async function targetNotificationsOff(ctx: TFlowContext): Promise<string | null> {
  const reply = await (await ctx.targetRedis()).config("GET", "notify-keyspace-events").catch(() => null);
  if (!Array.isArray(reply) || reply.length < 2) return null;
  const flags = String(reply[1]);
  const all = flags.includes("A") || ["g", "$", "l", "s", "h", "z", "x", "e"].every((c) => flags.includes(c));
  return /[KE]/.test(flags) && all ? null : flags;
}

/** The target is verified equal and clients write to it: record the moment and stop forward replication. */
export const replicateRecordCutover: TStepDef = {
  name: "complete",
  label: "Record cutover",
  async run(ctx) {
    if (!ctx.migration.cutoverAt) {
      const s = (await readReplication(ctx.migration.id, "forward"))?.stats;
      await recordCutoverMoment(ctx, { source: null, target: null, keysCopied: s?.initialCopy.keysCopied ?? null, liveApplied: s?.live.appliedTotal ?? null, repairs: s?.repairs ?? null }, new Date());
    }
    if (await markReplicationStopped({ migrationId: ctx.migration.id, direction: "forward", reason: "cutover" })) {
      await ctx.event("replication.forward_stopped", "Replication source → target stopped at cutover.");
    }
    return finishCutover(ctx, "clients switched; final verification clean");
  },
};

/**
 * The way back: the same replicator with the ends swapped, new target -> old source, for the window
 * the operator chose. Armed only once the forward replicator has let go, so the two never echo
 * each other's writes. It starts live with a repair (the ends were just verified equal; writes
 * between the switch and its subscription are found by that repair).
 */
export const replicateReverse: TStepDef = {
  name: "reverse",
  label: "Reverse replication (way back)",
  async run(ctx) {
    const o = readReplicateOptions(ctx.migration.options);
    if (o.reverseWindowHours <= 0) return { status: "done", detail: { armed: false }, note: "Not chosen in the options." };
    if (!(await replicationLetGo(ctx.migration.id, "forward"))) return { status: "waiting", note: "Waiting for forward replication to stop." };
    const off = await targetNotificationsOff(ctx);
    if (off !== null && !(await readReplication(ctx.migration.id, "reverse"))) {
      const why = `Reverse replication not armed: ${ctx.migration.target.name} has notify-keyspace-events "${off}", so it would hear no writes. Set it to KEA on the target to keep a way back.`;
      await ctx.event("replication.reverse_not_armed", why, { notifyKeyspaceEvents: off }, "warn");
      return { status: "done", detail: { armed: false, notifyKeyspaceEvents: off }, note: why };
    }
    const options = replicationOptionsFor(o, await replicationDbCount(ctx, ctx.migration.target.dbCount));
    const until = new Date(Date.now() + o.reverseWindowHours * 3_600_000);
    const dbs = Object.fromEntries(options.dbs.map((d) => [String(d), { cursor: "0", scanDone: true }]));
    const { id, created } = await createReplication({
      migrationId: ctx.migration.id, direction: "reverse", options, until,
      checkpoint: { phase: "live", dbs, keysCopied: 0, bytesCopied: 0, needsRepair: true },
    });
    if (created) await ctx.event("replication.reverse_armed", `Reverse replication ${ctx.migration.target.name} → ${ctx.migration.source.name} armed until ${until.toISOString()} (${o.reverseWindowHours} h): switching back loses nothing.`, { until: until.toISOString() });
    return { status: "done", detail: { armed: true, replicationId: id, until: (await readReplication(ctx.migration.id, "reverse"))?.until ?? until.toISOString() } };
  },
};

export const replicateAbort: TStepDef = {
  name: "abort",
  label: "Abort (stop replication)",
  async run(ctx) {
    if (await markReplicationStopped({ migrationId: ctx.migration.id, direction: "forward", reason: "aborted" })) {
      await ctx.event("replication.forward_stopped", `Replication stopped (abort); what was copied stays on ${ctx.migration.target.name}.`, {}, "warn");
    }
    return { status: "done", detail: { observed: "stopped" } };
  },
};
