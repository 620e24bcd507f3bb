import "server-only";
import { createReplication } from "../replication/create-replication";
import { readReplication } from "../../replication-store/read-replication";
import { readReplicateOptions } from "../../migrations/migration-record";
import { replicationOptionsFor } from "../replication/replication-options-for";
import { replicationDbCount } from "../replication/replication-db-count";
import type { TStepDef } from "../types";

/** Records the forward replicator; the replication loop of whichever process holds its lease runs it. */
export const replicateStart: TStepDef = {
  name: "start",
  label: "Start replication",
  async run(ctx) {
    const options = replicationOptionsFor(readReplicateOptions(ctx.migration.options), await replicationDbCount(ctx, ctx.migration.source.dbCount));
    const { id, created } = await createReplication({ migrationId: ctx.migration.id, direction: "forward", options });
    if (created) await ctx.event("replication.requested", `Key-level replication requested: ${options.dbs.length} db(s), copy mode ${options.copyMode}, keys over ${Math.round(options.bigKeyBytes / 1024 / 1024)} MiB in chunks.`, { replicationId: id });
    return { status: "done", detail: { replicationId: id, dbs: options.dbs.length, copyMode: options.copyMode } };
  },
};

/** Waits for the initial copy to finish (and any repair it needed); then the migration is in sync. */
export const replicateInitialCopy: TStepDef = {
  name: "initial-copy",
  label: "Initial copy",
  advance: { from: "running", to: "in-sync" },
  async run(ctx) {
    const r = await readReplication(ctx.migration.id, "forward");
    const s = r?.stats;
    if (!s) return { status: "waiting", note: "Waiting for a Ferry process to run the replicator (web server or npm run worker); start errors show on the timeline." };
    const c = s.initialCopy;
    const detail = { keysCopied: c.keysCopied, sourceKeys: c.sourceKeys, bytesCopied: c.bytesCopied, keysPerSec: c.keysPerSec, copyMode: s.copyMode };
    if (c.done && !s.repairing && !s.needsRepair) return { status: "done", detail };
    const pct = c.sourceKeys > 0 ? Math.min(100, Math.round((c.keysCopied / c.sourceKeys) * 100)) : 0;
    const note = c.done ? "Copy done; repairing what may have been missed." : `${c.keysCopied.toLocaleString("en-US")} of ~${c.sourceKeys.toLocaleString("en-US")} keys (${pct}%)${c.etaSec != null ? `, ETA ${c.etaSec} s` : ""}`;
    return { status: "waiting", detail, note };
  },
};
