import "server-only";
import { db } from "../db";
import { AppError } from "../errors";
import { recordEvent } from "../events/record-event";
import { revokeUserSessions, type TSessionUser } from "../auth/sessions";
import type { TRole } from "../auth/roles";
import { sqlTime } from "../monitor/sql-time";
import { ANOTHER_ENABLED_ADMIN, writeKeepingAnAdmin } from "./admin-guard";

/** Changes a user's role; refuses to leave Ferry without an enabled admin. */
export async function changeRole(opts: { actor: TSessionUser; userId: string; role: TRole }): Promise<{ id: string; role: string }> {
  const user = await db.user.findUnique({ where: { id: opts.userId }, select: { id: true, email: true, role: true } });
  if (!user) throw new AppError("NOT_FOUND", "That user does not exist.");
  if (user.role === opts.role) return { id: user.id, role: user.role };
  // One conditional write: from the role we read (so the event says what really changed) and,
  // for an admin, only while another enabled admin remains at the moment of the write.
  const changed = await writeKeepingAnAdmin(
    `UPDATE "User" SET "role" = ?, "updatedAt" = ? WHERE "id" = ? AND "role" = ? AND ("role" <> 'admin' OR ${ANOTHER_ENABLED_ADMIN})`,
    opts.role, sqlTime(Date.now()), user.id, user.role, user.id,
  );
  if (changed === 0) {
    const now = await db.user.findUnique({ where: { id: user.id }, select: { role: true } });
    if (now?.role !== user.role) throw new AppError("CONFLICT", "Someone changed this user meanwhile; reload and try again.");
    throw new AppError("CONFLICT", "This is the last admin; make someone else admin first.");
  }
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
