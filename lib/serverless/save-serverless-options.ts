import "server-only";
import type { TSessionUser } from "../auth/sessions";
import { db } from "../db";
import { AppError } from "../errors";
import { recordEvent } from "../events/record-event";
import { ZServerlessOptions, type TServerlessOptionsInput } from "./serverless-options";
import { withServerlessOptions } from "../migrations/migration-record";

const EDITABLE_STATES = ["draft", "failed"];

export type TSaveServerlessOptions = {
  actor: TSessionUser;
  migrationId: string;
  options: Omit<TServerlessOptionsInput, "clearTargetCacheData">;
  /** The cache's name typed back: lets StartMigration replace what the cache holds (ClearTargetCacheData). */
  confirmClearCacheName?: string;
};

/** Stores a serverless migration's options with an audit event; the data-clearing consent only with the cache's name typed back. */
export async function saveServerlessOptions(opts: TSaveServerlessOptions): Promise<void> {
  const m = await db.migration.findUnique({ where: { id: opts.migrationId }, include: { target: true } });
  if (!m) throw new AppError("NOT_FOUND", "That migration does not exist.");
  if (m.strategy !== "serverless-online") throw new AppError("INVALID_INPUT", "Serverless options apply to migrations into ElastiCache Serverless only.");
  if (!EDITABLE_STATES.includes(m.state)) throw new AppError("ILLEGAL_TRANSITION", `The migration is ${m.state}: options can change before it starts or after a failed step (then Retry).`);
  const cache = m.target.replicationGroupId ?? "";
  const typed = opts.confirmClearCacheName?.trim();
  if (typed && typed !== cache) throw new AppError("INVALID_INPUT", `Type the cache's name exactly ("${cache}") to let StartMigration clear its data.`);
  const clearTargetCacheData = typed ? { confirmedBy: opts.actor.email, at: new Date().toISOString() } : undefined;
  const options = ZServerlessOptions.parse({ ...opts.options, clearTargetCacheData });
  await db.migration.update({ where: { id: m.id }, data: { options: withServerlessOptions(m.options, options) } });
  await recordEvent({
    type: "serverless.options_saved",
    actor: opts.actor,
    migrationId: m.id,
    message: `${opts.actor.email} saved the serverless options of "${m.name}": ${options.cutoverMode} cutover, TLS ${options.tlsMode}, ${options.secretArn ? "source AUTH from a Secrets Manager secret" : "no source AUTH"}${clearTargetCacheData ? `; StartMigration may clear the data of ${cache}` : ""}.`,
    data: { cutoverMode: options.cutoverMode, tlsMode: options.tlsMode, secretArn: options.secretArn, clearTargetCacheData: !!clearTargetCacheData },
  });
}
