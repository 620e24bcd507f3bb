import "server-only";
import { db } from "../db";
import { AppError } from "../errors";
import { recordEvent } from "../events/record-event";
import { revokeUserSessions, type TSessionUser } from "../auth/sessions";
import type { TRole } from "../auth/roles";

/** Changes a user's role; refuses to leave Ferry without an admin. */
export async function changeRole(opts: { actor: TSessionUser; userId: string; role: TRole }): Promise<{ id: string; role: string }> {
  const user = await db.user.findUnique({ where: { id: opts.userId }, select: { id: true, email: true, role: true } });
  if (!user) throw new AppError("NOT_FOUND", "That user does not exist.");
  if (user.role === opts.role) return { id: user.id, role: user.role };
  if (user.role === "admin" && (await db.user.count({ where: { role: "admin" } })) === 1) {
    throw new AppError("CONFLICT", "This is the last admin; make someone else admin first.");
  }
  await db.user.update({ where: { id: user.id }, data: { role: opts.role } });
  // The new role must apply now, not when an old session expires.
  if (user.id !== opts.actor.id) await revokeUserSessions(user.id);
  await recordEvent({
    type: "user.role_changed",
    actor: opts.actor,
    message: `${opts.actor.email} changed ${user.email} from ${user.role} to ${opts.role}`,
    data: { userId: user.id, from: user.role, to: opts.role },
  });
  return { id: user.id, role: opts.role };
}
