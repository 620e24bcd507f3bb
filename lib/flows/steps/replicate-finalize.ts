import "server-only";
import { randomUUID } from "node:crypto";
import { db } from "../../db";
import { AppError } from "../../errors";
import { readReplication } from "../../replication-store/read-replication";
import { readReplicateOptions } from "../../migrations/migration-record";
import { writeJson } from "../../replication-store/replication-json";
import { describeKinds } from "../../replicate/describe-kinds";
import type { TStepDef } from "../types";

const perSec = (n: number | null | undefined) => (n == null ? "unknown" : `${Math.round(n).toLocaleString("en-US")}/s`);

/**
 * After the operator stopped writes to the source and typed the target's name: drain the queue,
 * then the final full verification, repairing what differs. Clients stay off the target until
 * this is clean (switch-clients), since the repair makes the target equal to the source. The replicator may run in another process, so this
 * step asks through the Replication row and waits for its answer.
 */
export const replicateFinalize: TStepDef = {
  name: "drain-verify",
  label: "Drain, final verification, repair",
  async run(ctx) {
    const r = await readReplication(ctx.migration.id, "forward");
    if (!r || r.status !== "running") throw new AppError("CONFLICT", "The forward replication is not running; nothing can drain. Abort, or start a new migration.");
    let requestId = ctx.detail.requestId as string | undefined;
    if (!requestId) {
      const o = readReplicateOptions(ctx.migration.options);
      requestId = randomUUID();
      const writes = r.stats?.sourceWritesPerSec;
      await db.replication.update({ where: { id: r.id }, data: { request: writeJson({ kind: "finalize", id: requestId, at: new Date().toISOString(), drainTimeoutMs: o.drainTimeoutSeconds * 1000 }) } });
      await ctx.saveDetail({ requestId, requestedAt: new Date().toISOString(), sourceWritesAtRequest: writes ?? null });
      await ctx.event("replication.finalize_requested", `Cutover: writes to ${ctx.migration.source.name} should be stopped; draining, then a final full verification. Writes still arriving at the source: ${perSec(writes)}.`, { sourceWritesPerSec: writes ?? null }, writes ? "warn" : "info");
    }
    const res = r.response?.id === requestId ? r.response : null;
    if (!res) {
      const s = r.stats;
      const note = s ? `Draining: ${s.live.pendingKeys} keys pending; writes still arriving at ${ctx.migration.source.name}: ${perSec(s.sourceWritesPerSec)}${s.repairing ? "; final verification running" : ""}.` : "Waiting for the process running the replicator.";
      return { status: "waiting", detail: { sourceWritesPerSec: s?.sourceWritesPerSec ?? null, pendingKeys: s?.live.pendingKeys ?? null }, note };
    }
    // A Retry after a failure asks again.
    await ctx.saveDetail({ requestId: undefined });
    if (res.error) throw new AppError("RUNNER_ERROR", `The final verification failed: ${res.error}`);
    if (!res.drained || !res.repair) {
      throw new AppError("CONFLICT", `The queue did not drain in ${readReplicateOptions(ctx.migration.options).drainTimeoutSeconds} s: the source still receives ${perSec(res.sourceWritesPerSec)} writes. Stop every writer on ${ctx.migration.source.name} (keep clients off ${ctx.migration.target.name} until Ferry says so), then Retry.`);
    }
    const { differences, fixed, byKind = {} } = res.repair;
    await ctx.event("replication.final_verification", `Final full verification: ${differences} difference(s)${describeKinds(byKind)}, ${fixed} repaired.`, { differences, fixed, byKind }, differences > fixed ? "error" : differences ? "warn" : "info");
    if (differences > fixed) throw new AppError("CONFLICT", `${differences - fixed} difference(s) could not be repaired; see the timeline, then Retry.`);
    return { status: "done", detail: { requestId, drained: true, differences, fixed, byKind, sourceWritesPerSec: res.sourceWritesPerSec } };
  },
};
