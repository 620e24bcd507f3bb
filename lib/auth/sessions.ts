import "server-only";
import crypto from "node:crypto";
import { db } from "../db";
import { env } from "../env";

export type TSessionUser = { id: string; email: string; name: string; role: string; timeZone?: string };

// The cookie holds a random token; the database holds only its hash, so a leaked database
// copy cannot be replayed as a login.
function hashToken(token: string): string {
  return crypto.createHash("sha256").update(token).digest("hex");
}

export async function createSession(userId: string): Promise<{ token: string; expiresAt: Date }> {
  const token = crypto.randomBytes(32).toString("base64url");
  const expiresAt = new Date(Date.now() + env().FERRY_SESSION_HOURS * 3600_000);
  await db.session.create({ data: { tokenHash: hashToken(token), userId, expiresAt } });
  return { token, expiresAt };
}

/** How often lastSeen is written: every page view must not be a write. */
export const SESSION_TOUCH_MS = 60_000;

/** The user behind a session token, or null when the token is unknown, expired, idle too long or disabled. */
export async function findSessionUser(token: string | undefined): Promise<TSessionUser | null> {
  if (!token) return null;
  const session = await db.session.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { id: true, expiresAt: true, lastSeen: true, user: { select: { id: true, email: true, name: true, role: true, timeZone: true, disabledAt: true } } },
  });
  if (!session) return null;
  const idleMs = env().FERRY_SESSION_IDLE_MINUTES * 60_000;
  if (session.expiresAt.getTime() <= Date.now() || Date.now() - session.lastSeen.getTime() > idleMs || session.user.disabledAt) {
    await db.session.delete({ where: { id: session.id } }).catch(() => {});
    return null;
  }
  if (Date.now() - session.lastSeen.getTime() > SESSION_TOUCH_MS) {
    await db.session.update({ where: { id: session.id }, data: { lastSeen: new Date() } }).catch(() => {});
  }
  const { id, email, name, role, timeZone } = session.user;
  return { id, email, name, role, timeZone };
}

export async function revokeSession(token: string): Promise<void> {
  await db.session.deleteMany({ where: { tokenHash: hashToken(token) } });
}

/** Ends every session of a user (after a role or password change, so it takes effect everywhere at once). */
export async function revokeUserSessions(userId: string, opts: { except?: string } = {}): Promise<number> {
  const keep = opts.except ? { tokenHash: { not: hashToken(opts.except) } } : {};
  const { count } = await db.session.deleteMany({ where: { userId, ...keep } });
  return count;
}
