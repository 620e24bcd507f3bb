/** How often a test looks again: short next to every product interval a test waits on. */
export const POLL_EVERY_MS = 40;

/**
 * The one "poll until" of the test suite: calls `fn` until it returns something truthy and returns
 * that, or fails naming what it waited for (and, if given, what it saw last).
 */
export async function pollUntil<T>(what: string, fn: () => Promise<T | undefined | null | false> | T | undefined | null | false, opts: { timeoutMs?: number; lastSeen?: () => string } = {}): Promise<T> {
  const deadline = Date.now() + (opts.timeoutMs ?? 15_000);
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${opts.lastSeen ? `; ${opts.lastSeen()}` : ""}`);
    await new Promise((r) => setTimeout(r, POLL_EVERY_MS));
  }
}
