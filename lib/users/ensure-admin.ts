import "server-only";
import { db } from "../db";
import { recordEvent } from "../events/record-event";
import { hashPassword } from "../auth/password";

/**
 * Makes sure the first admin exists. With `resetPassword` (the demo's one-time password) an
 * existing account gets the new password; otherwise an existing account is left alone.
 */
export async function ensureAdmin(opts: { email: string; password: string; resetPassword?: boolean }): Promise<"created" | "reset" | "exists"> {
  const email = opts.email.trim().toLowerCase();
  const existing = await db.user.findUnique({ where: { email }, select: { id: true } });
  if (existing && !opts.resetPassword) return "exists";
  const passwordHash = await hashPassword(opts.password);
  if (existing) {
    await db.user.update({ where: { id: existing.id }, data: { passwordHash, role: "admin", disabledAt: null } });
    await db.session.deleteMany({ where: { userId: existing.id } });
    await recordEvent({ type: "user.password_reset", actorEmail: email, message: `One-time password issued for ${email}` });
    return "reset";
  }
  await db.user.create({ data: { email, name: "Administrator", role: "admin", passwordHash } });
  await recordEvent({ type: "user.created", actorEmail: email, message: `First admin ${email} created at start-up` });
  return "created";
}
