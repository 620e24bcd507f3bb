import { startTcpRelay } from "./tcp-relay";

export type LinkProxy = { host: "127.0.0.1"; port: number; close(): void };

/** How often a stalled link looks again whether it may forward. */
const STALL_POLL_MS = 50;

/**
 * A loopback TCP relay between the target's primary and the customer's source that forwards
 * nothing while `stalled()` is true. It lets tests hold a migration in "link down / sync in
 * progress" for as long as they like with real Redis at both ends, then let it through.
 */
export function startLinkProxy(target: { host: string; port: number }, stalled: () => boolean): Promise<LinkProxy> {
  return startTcpRelay({ holds: stalled, flushEveryMs: STALL_POLL_MS, onConnection: (c) => c.attach(target.port, target.host) });
}
