/**
 * better-sqlite3 waits for another process's lock synchronously, freezing the event loop for the
 * whole busy timeout. Ferry keeps that wait short and retries between waits on timers instead, so
 * a web process and `npm run worker` sharing one file both stay responsive.
 */

/** The longest one statement may block the event loop waiting for another process's lock. */
export const SQLITE_BUSY_WAIT_MS = 10;
/** Past this, a statement that keeps finding the database locked fails (the caller sees an error). */
export const SQLITE_BUSY_GIVE_UP_MS = 15_000;
const MAX_PAUSE_MS = 25;

/** SQLITE_BUSY and its extended codes, raw from better-sqlite3 or wrapped by the Prisma adapter. */
export function isSqliteBusy(err: unknown): boolean {
  const e = err as { code?: unknown; cause?: { originalCode?: unknown } } | null;
  const code = e?.code ?? e?.cause?.originalCode;
  return typeof code === "string" && code.startsWith("SQLITE_BUSY");
}

/**
 * Runs a statement that either happened completely or not at all when it reports busy (an
 * autocommit statement, BEGIN IMMEDIATE, COMMIT), again after short pauses until it passes.
 */
export async function retryWhileBusy<T>(run: () => Promise<T>, giveUpMs = SQLITE_BUSY_GIVE_UP_MS): Promise<T> {
  const until = Date.now() + giveUpMs;
  for (let attempt = 0; ; attempt++) {
    try {
      return await run();
    } catch (err) {
      if (!isSqliteBusy(err) || Date.now() >= until) throw err;
      // Jittered so two processes that collided do not collide again in step.
      const pause = Math.min(MAX_PAUSE_MS, 2 ** attempt) * (0.5 + Math.random());
      await new Promise((resolve) => setTimeout(resolve, pause));
    }
  }
}
