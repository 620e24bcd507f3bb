import "server-only";
import type { TSessionUser } from "../../auth/sessions";
import { db } from "../../db";
import { AppError } from "../../errors";
import { recordEvent } from "../../events/record-event";
import { ZReplicateOptions, type TReplicateOptionsInput } from "../../replication-store/replicate-options";
import { withReplicateOptions } from "../../migrations/migration-record";

// While a step may be reading them, options stay as they are; failed runs take new ones on Retry.
const EDITABLE_STATES = ["draft", "failed"];

/** Stores a replicate migration's options (Migration.options.replicate) with an audit event. */
export async function saveReplicateOptions(opts: { actor: TSessionUser; migrationId: string; options: TReplicateOptionsInput }): Promise<void> {
  const m = await db.migration.findUnique({ where: { id: opts.migrationId }, select: { strategy: true, state: true, options: true, name: true, target: { select: { name: true } } } });
  if (!m) throw new AppError("NOT_FOUND", "That migration does not exist.");
  if (m.strategy !== "replicate") throw new AppError("INVALID_INPUT", "Replication options apply to replicate migrations only.");
  if (!EDITABLE_STATES.includes(m.state)) throw new AppError("ILLEGAL_TRANSITION", `The migration is ${m.state}: options can change before it starts or after a failed step (then Retry).`);
  const options = ZReplicateOptions.parse(opts.options);
  if (options.emptyTargetFirst && options.emptyTargetConfirm?.trim() !== m.target.name) {
    throw new AppError("INVALID_INPUT", `To empty the target first, type its name exactly ("${m.target.name}").`);
  }
  await db.migration.update({ where: { id: opts.migrationId }, data: { options: withReplicateOptions(m.options, options) } });
  await recordEvent({
    type: "replication.options_saved",
    actor: opts.actor,
    migrationId: opts.migrationId,
    level: options.emptyTargetFirst ? "warn" : "info",
    message: `${opts.actor.email} saved the replication options of "${m.name}": copy mode ${options.copyMode}, reverse window ${options.reverseWindowHours} h${options.emptyTargetFirst ? `, and chose to EMPTY the target ${m.target.name} before copying` : ""}.`,
    data: { options: { ...options, emptyTargetConfirm: undefined } },
  });
}
