import "server-only";
import { db } from "../../db";
import { readMigrationOptions } from "../../migrations/migration-record";
import { planCleanup } from "../../snapshot/plan-cleanup";
import type { TStepDef } from "../types";
import { stepDetail } from "./snapshot-context";

/** Gathers what the report states for a snapshot migration: the snapshot moment above all. */
export const snapshotReport: TStepDef = {
  name: "report",
  label: "Report",
  async run(ctx) {
    const m = await db.migration.findUniqueOrThrow({ where: { id: ctx.migration.id }, select: { options: true } });
    const options = readMigrationOptions(m.options);
    const [snapshot, restore, verify] = await Promise.all(["snapshot", "restore", "verify"].map((n) => stepDetail(ctx.migration.id, n)));
    return {
      status: "done",
      detail: {
        snapshotMoment: options.snapshotMoment ?? null,
        snapshotMomentSource: options.snapshotMomentSource ?? null,
        writeFreeze: options.snapshot?.writeFreeze ?? null,
        snapshotName: snapshot.snapshotName ?? null,
        rdbBytes: snapshot.bytes ?? null,
        target: { nodeType: restore.nodeType, numNodeGroups: restore.numNodeGroups, replicasPerNodeGroup: restore.replicasPerNodeGroup },
        verificationRunId: verify.verificationRunId ?? null,
      },
    };
  },
};

/** Lists what cleanup would delete (dry run); deleting is the operator's separate, confirmed action. */
export const snapshotCleanupOffered: TStepDef = {
  name: "cleanup-offered",
  label: "Cleanup offered",
  async run(ctx) {
    const { items } = await planCleanup(ctx.migration.id);
    // The new replication group is the migration's result, kept once it completes (a step later):
    // the event must not call it temporary while the snapshot page says it is kept.
    const deletable = items.filter((i) => i.deletable && i.kind !== "replication-group");
    const kept = items.filter((i) => i.kind === "replication-group" && i.exists);
    if (deletable.length) {
      const keptNote = kept.length ? ` The new replication group ${kept.map((i) => i.identifier).join(", ")} is the migration's result and is kept.` : "";
      await ctx.event("cleanup.offered", `${deletable.length} intermediate resource(s) Ferry created can be deleted from the snapshot page: ${deletable.map((i) => `${i.kind} ${i.identifier}`).join(", ")}.${keptNote}`, { ids: deletable.map((i) => i.id) });
    }
    return { status: "done", detail: { deletable: deletable.map((i) => ({ id: i.id, kind: i.kind, identifier: i.identifier })) } };
  },
};
