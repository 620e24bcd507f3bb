import "server-only";
import { db } from "../db";
import { AppError } from "../errors";

export const LOGIN_WINDOW_MS = 15 * 60_000;
export const MAX_FAILURES_PER_EMAIL = 5;
export const MAX_FAILURES_PER_IP = 20;

/**
 * Refuses a login attempt when recent failures for this email or this address reach the limit.
 * Failures are read from the audit log, so the limit holds across restarts and web replicas.
 */
export async function assertLoginAllowed(email: string, ip: string | undefined): Promise<void> {
  const since = new Date(Date.now() - LOGIN_WINDOW_MS);
  const [byEmail, byIp] = await Promise.all([
    db.event.count({ where: { type: "auth.login_failed", actorEmail: email, at: { gte: since } } }),
    ip ? db.event.count({ where: { type: "auth.login_failed", ip, at: { gte: since } } }) : 0,
  ]);
  if (byEmail >= MAX_FAILURES_PER_EMAIL || byIp >= MAX_FAILURES_PER_IP) {
    throw new AppError("RATE_LIMITED", "Too many failed sign-in attempts. Wait 15 minutes and try again.");
  }
}
