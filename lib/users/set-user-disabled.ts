import "server-only";
import { db } from "../db";
import { AppError } from "../errors";
import { recordEvent } from "../events/record-event";
import { revokeUserSessions, type TSessionUser } from "../auth/sessions";
import { sqlTime } from "../monitor/sql-time";
import { ANOTHER_ENABLED_ADMIN, writeKeepingAnAdmin } from "./admin-guard";

/** Disables a user (no sign-in, sessions ended at once) or re-enables them. Never the last enabled admin. */
export async function setUserDisabled(opts: { actor: TSessionUser; userId: string; disabled: boolean }): Promise<{ id: string; disabled: boolean }> {
  const user = await db.user.findUnique({ where: { id: opts.userId }, select: { id: true, email: true, disabledAt: true } });
  if (!user) throw new AppError("NOT_FOUND", "That user does not exist.");
  if (!!user.disabledAt === opts.disabled) return { id: user.id, disabled: opts.disabled };
  if (opts.disabled && user.id === opts.actor.id) throw new AppError("CONFLICT", "You cannot disable your own account.");
  if (opts.disabled) {
    const changed = await writeKeepingAnAdmin(
      `UPDATE "User" SET "disabledAt" = ?, "updatedAt" = ? WHERE "id" = ? AND "disabledAt" IS NULL AND ("role" <> 'admin' OR ${ANOTHER_ENABLED_ADMIN})`,
      sqlTime(Date.now()), sqlTime(Date.now()), user.id, user.id,
    );
    if (changed === 0) throw new AppError("CONFLICT", "This is the last enabled admin; make someone else admin first.");
    await revokeUserSessions(user.id);
  } else {
    await db.user.update({ where: { id: user.id }, data: { disabledAt: null } });
  }
  await recordEvent({
    type: opts.disabled ? "user.disabled" : "user.enabled",
    level: opts.disabled ? "warn" : "info",
    actor: opts.actor,
    message: `${opts.actor.email} ${opts.disabled ? "disabled" : "re-enabled"} ${user.email}`,
    data: { userId: user.id },
  });
  return { id: user.id, disabled: opts.disabled };
}
