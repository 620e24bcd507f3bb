import "server-only";
import { db } from "../db";
import { AppError } from "../errors";
import { recordEvent } from "../events/record-event";
import { hashPassword, verifyPassword } from "../auth/password";
import { assertLoginAllowed } from "../auth/login-rate-limit";
import { revokeUserSessions, type TSessionUser } from "../auth/sessions";

/**
 * Everyone changes their own password, proving the current one. A wrong current password counts
 * as a failed sign-in (same throttle), so a borrowed session cannot be used to guess it. Every
 * other session of the user ends; the one making the change stays.
 */
export async function changeOwnPassword(opts: {
  actor: TSessionUser;
  currentPassword: string;
  newPassword: string;
  keepSessionToken?: string;
  ip?: string;
}): Promise<{ changed: true }> {
  await assertLoginAllowed(opts.actor.email, opts.ip);
  const user = await db.user.findUniqueOrThrow({ where: { id: opts.actor.id }, select: { id: true, passwordHash: true } });
  if (!(await verifyPassword(opts.currentPassword, user.passwordHash))) {
    await recordEvent({ type: "auth.login_failed", level: "warn", actorEmail: opts.actor.email, ip: opts.ip, message: `Wrong current password for ${opts.actor.email} when changing it` });
    throw new AppError("INVALID_INPUT", "Your current password is not right.");
  }
  await db.user.update({ where: { id: user.id }, data: { passwordHash: await hashPassword(opts.newPassword) } });
  await revokeUserSessions(user.id, { except: opts.keepSessionToken });
  await recordEvent({ type: "user.password_changed", actor: opts.actor, ip: opts.ip, message: `${opts.actor.email} changed their password` });
  return { changed: true };
}
