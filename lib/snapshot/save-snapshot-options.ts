import "server-only";
import type { TSessionUser } from "../auth/sessions";
import { db } from "../db";
import { AppError } from "../errors";
import { recordEvent } from "../events/record-event";
import { updateMigrationOptions } from "../migrations/record/update-migration-options";
import { ZSnapshotOptions, type TSnapshotOptionsInput } from "./snapshot-options";

// While a step may be reading them, options stay as they are; failed runs take new ones on Retry.
const EDITABLE_STATES = ["draft", "failed"];

/** Stores a snapshot migration's options (merged into Migration.options.snapshot) with an audit event. */
export async function saveSnapshotOptions(opts: { actor: TSessionUser; migrationId: string; options: TSnapshotOptionsInput }): Promise<void> {
  const m = await db.migration.findUnique({ where: { id: opts.migrationId }, select: { strategy: true, state: true, name: true } });
  if (!m) throw new AppError("NOT_FOUND", "That migration does not exist.");
  if (m.strategy !== "snapshot") throw new AppError("INVALID_INPUT", "Snapshot options apply to snapshot migrations only.");
  if (!EDITABLE_STATES.includes(m.state)) throw new AppError("ILLEGAL_TRANSITION", `The migration is ${m.state}: options can change before it starts or after a failed step (then Retry).`);
  const options = ZSnapshotOptions.parse(opts.options);
  await updateMigrationOptions(opts.migrationId, { snapshot: options });
  const consents = [
    options.confirmCrossAccountGrant && "grant the target account READ on the exported RDB files",
    options.confirmExportBucketGrants && "add ElastiCache's READ/WRITE/READ_ACP to the export bucket ACL",
  ].filter(Boolean);
  await recordEvent({
    type: "snapshot.options_saved",
    actor: opts.actor,
    migrationId: opts.migrationId,
    message: `${opts.actor.email} saved the snapshot options of "${m.name}"${consents.length ? `, allowing Ferry to ${consents.join(" and ")}` : ""}${options.writeFreeze ? `; write freeze from ${options.writeFreeze.from}${options.writeFreeze.to ? ` to ${options.writeFreeze.to}` : ""}` : ""}.`,
    data: { options },
  });
}
