import "server-only";
import { db } from "../db";
import { AppError } from "../errors";
import { recordEvent } from "../events/record-event";
import { hashPassword } from "../auth/password";
import { revokeUserSessions, type TSessionUser } from "../auth/sessions";

/** An admin sets a new password for a user; every session of that user ends. */
export async function resetPassword(opts: { actor: TSessionUser; userId: string; password: string }): Promise<{ id: string }> {
  const user = await db.user.findUnique({ where: { id: opts.userId }, select: { id: true, email: true } });
  if (!user) throw new AppError("NOT_FOUND", "That user does not exist.");
  await db.user.update({ where: { id: user.id }, data: { passwordHash: await hashPassword(opts.password) } });
  await revokeUserSessions(user.id);
  await recordEvent({
    type: "user.password_reset",
    level: "warn",
    actor: opts.actor,
    message: `${opts.actor.email} reset the password of ${user.email}`,
    data: { userId: user.id },
  });
  return { id: user.id };
}
