import "server-only";
import { NOTIFY_ALL } from "../preflight/notification-checks";
import { runConsentedCommand, type OperatorConsent, type ReadOnlyRedis } from "../redis/read-only";

export const NOTIFY_PARAMETER = "notify-keyspace-events";

/** Flags already set are kept (e.g. `m` for key misses); K, E and A are added. */
export const withAllKeyEvents = (current: string) => [...new Set(`${current}${NOTIFY_ALL}`)].join("");

export type TNodeNotifications = { previous: string; value: string; changed: boolean };

/**
 * Reads one node's notify-keyspace-events and, when a flag is missing (or `always`), sends the
 * consented CONFIG SET adding K, E and A. A refusal (NOPERM, a renamed CONFIG) rejects.
 */
export async function setNodeNotifications(client: ReadOnlyRedis, consent: OperatorConsent, opts: { always?: boolean } = {}): Promise<TNodeNotifications> {
  const [, previous = ""] = (await client.config("GET", NOTIFY_PARAMETER)) as unknown as string[];
  const value = withAllKeyEvents(previous);
  if (value === previous && !opts.always) return { previous, value, changed: false };
  await runConsentedCommand(client, consent, { command: "CONFIG SET", parameter: NOTIFY_PARAMETER, value });
  return { previous, value, changed: true };
}
