import "server-only";
import { db } from "../db";
import { AppError } from "../errors";

/** Failures older than this no longer slow anyone down. */
export const LOGIN_WINDOW_MS = 60 * 60_000;
/** Failures one client may make for one account before each further try must wait. */
export const FREE_FAILURES_PER_ACCOUNT_CLIENT = 3;
/** Failures one client address may make across all accounts (password spraying) before waiting. */
export const FREE_FAILURES_PER_CLIENT = 20;
export const FIRST_DELAY_MS = 1_000;
export const MAX_DELAY_MS = 15 * 60_000;

/** How long a client must wait after its latest failure, given how many it made: 1 s, 2 s, 4 s, ... 15 min. */
export function loginDelayMs(failures: number, free: number): number {
  if (failures < free) return 0;
  return Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** Math.min(failures - free, 30));
}

/**
 * Slows repeated failures down instead of locking the account: the wait grows with the failures of
 * this client for this account (and of this client overall), so a stranger guessing from elsewhere
 * never keeps the owner out. Failures are read from the audit log, so the waits hold across
 * restarts and web replicas. Throttled attempts are refused before the password is checked.
 */
export async function assertLoginAllowed(email: string, ip: string | undefined): Promise<void> {
  const since = new Date(Date.now() - LOGIN_WINDOW_MS);
  const failed = { type: "auth.login_failed", at: { gte: since } };
  const [pair, client] = await Promise.all([
    failuresOf({ ...failed, actorEmail: email, ip: ip ?? null }),
    ip ? failuresOf({ ...failed, ip }) : { count: 0, last: undefined },
  ]);
  const waitUntil = Math.max(
    pair.last ? pair.last + loginDelayMs(pair.count, FREE_FAILURES_PER_ACCOUNT_CLIENT) : 0,
    client.last ? client.last + loginDelayMs(client.count, FREE_FAILURES_PER_CLIENT) : 0,
  );
  const waitMs = waitUntil - Date.now();
  if (waitMs > 0) {
    const seconds = Math.ceil(waitMs / 1000);
    throw new AppError("RATE_LIMITED", `Too many failed sign-ins from here. Try again in ${seconds} s.`, { retryAfterSeconds: seconds });
  }
}

async function failuresOf(where: { type: string; at: { gte: Date }; actorEmail?: string; ip: string | null }) {
  const [count, latest] = await Promise.all([
    db.event.count({ where }),
    db.event.findFirst({ where, orderBy: { at: "desc" }, select: { at: true } }),
  ]);
  return { count, last: latest?.at.getTime() };
}
