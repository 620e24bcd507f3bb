import "server-only";
import { db } from "../db";
import { AppError } from "../errors";
import { recordEvent } from "../events/record-event";
import type { TSessionUser } from "../auth/sessions";

/**
 * Records an operator's decision to go on despite the failed checks of the latest pre-flight run;
 * the reason goes into the report. The decision belongs to that run only: a later run's failures
 * need a decision of their own.
 */
export async function overridePreflight(opts: { actor: TSessionUser; migrationId: string; reason: string }): Promise<void> {
  const latest = await db.preflightRun.findFirst({ where: { migrationId: opts.migrationId }, orderBy: { ranAt: "desc" } });
  if (!latest) throw new AppError("ILLEGAL_TRANSITION", "Run the pre-flight checks before overriding them.");
  const failed = (JSON.parse(latest.checks) as Array<{ id: string; status: string }>).filter((c) => c.status === "fail").map((c) => c.id);
  if (failed.length === 0) throw new AppError("ILLEGAL_TRANSITION", "Nothing to override: no check failed.");
  await db.preflightRun.update({ where: { id: latest.id }, data: { overrideReason: opts.reason, overriddenBy: opts.actor.email, overriddenAt: new Date() } });
  await recordEvent({
    type: "preflight.overridden",
    level: "warn",
    actor: opts.actor,
    migrationId: opts.migrationId,
    message: `${opts.actor.email} overrode ${failed.length} failed check(s) (${failed.join(", ")}): ${opts.reason}`,
    data: { preflightRunId: latest.id, failed },
  });
}
