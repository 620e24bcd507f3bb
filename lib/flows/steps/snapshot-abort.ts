import "server-only";
import { listCreatedResources } from "../../snapshot/created-resources";
import type { TStepDef } from "../types";

/**
 * Nothing to roll back: a snapshot migration never changes the source, and what it created so
 * far (snapshot, RDB files, grants, a group being created) stays listed for cleanup, which the
 * operator runs with confirmation. An in-flight AWS operation finishes on its own.
 */
export const snapshotAbort: TStepDef = {
  name: "abort",
  label: "Abort",
  async run(ctx) {
    const created = (await listCreatedResources(ctx.migration.id)).filter((r) => r.status === "created" || r.status === "pending");
    await ctx.event("migration.abort_snapshot", `Aborted. ${created.length} resource(s) Ferry created are listed for cleanup.`, { resources: created.map((r) => `${r.kind} ${r.identifier}`) });
    return { status: "done", detail: { leftForCleanup: created.length } };
  },
};
