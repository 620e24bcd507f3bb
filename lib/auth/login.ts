import "server-only";
import { db } from "../db";
import { AppError } from "../errors";
import { recordEvent } from "../events/record-event";
import { MAX_EMAIL, MAX_PASSWORD } from "../input-bounds";
import { assertLoginAllowed } from "./login-rate-limit";
import { decoyHash, verifyPassword } from "./password";
import { createSession, type TSessionUser } from "./sessions";

export type TLoginResult = { token: string; expiresAt: Date; user: TSessionUser };

/** Checks an email and password; on success opens a session. Every outcome is an Event. */
export async function login(opts: { email: string; password: string; ip?: string }): Promise<TLoginResult> {
  const email = opts.email.trim().toLowerCase();
  // The action's schema bounds these too; the service must not store an unbounded string either way.
  if (email.length > MAX_EMAIL || opts.password.length > MAX_PASSWORD) throw new AppError("INVALID_INPUT", "Wrong email or password.");
  await assertLoginAllowed(email, opts.ip);
  const user = await db.user.findUnique({ where: { email } });
  const ok = await verifyPassword(opts.password, user?.passwordHash ?? (await decoyHash()));
  if (!user || !ok) {
    await recordEvent({ type: "auth.login_failed", level: "warn", actorEmail: email, ip: opts.ip, message: `Failed sign-in for ${email}` });
    throw new AppError("UNAUTHENTICATED", "Wrong email or password.");
  }
  if (user.disabledAt) {
    await recordEvent({ type: "auth.login_refused", level: "warn", actor: user, ip: opts.ip, message: `Sign-in refused for disabled account ${email}` });
    throw new AppError("FORBIDDEN", "This account is disabled. Ask an admin to re-enable it.");
  }
  const session = await createSession(user.id);
  await recordEvent({ type: "auth.login", actor: user, ip: opts.ip, message: `${user.email} signed in` });
  const { id, name, role } = user;
  return { ...session, user: { id, email: user.email, name, role } };
}
