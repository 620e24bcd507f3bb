import "server-only";
import type { ReadOnlyRedis } from "../redis/read-only";
import { openSubscriber } from "./open-clients";
import type { TReplicationEnd } from "./types";

/** Events after which a key may be gone: counted to tell deletions from a FLUSHDB/FLUSHALL. */
const REMOVING_EVENTS = new Set(["del", "expired", "evicted", "rename_from", "move_from"]);

export type SubscriberHandlers = {
  onKey(db: number, key: Buffer, event: string): void;
  /** Subscribed to every db's pattern (the first time, and after each reconnect). */
  onSubscribed(first: boolean): void;
  /** The connection closed while we wanted it: events published until onSubscribed are lost. */
  onLost(): void;
};

/**
 * Listens to `__keyevent@N__:*` per db. Keyevent rather than keyspace channels: the message is
 * the key's exact bytes (no channel prefix to strip, binary keys and keys with `:` or glob
 * characters arrive untouched) and the channel is the event name, which the flush detection
 * counts. Needs `E` plus the classes (`A`) in notify-keyspace-events (`KEA` covers it).
 */
export class KeyspaceSubscriber {
  private client: ReadOnlyRedis | null = null;
  private stopping = false;
  private subscribedOnce = false;
  removingEvents = 0;

  constructor(private readonly end: TReplicationEnd, private readonly dbs: number[], private readonly h: SubscriberHandlers) {}

  async start(): Promise<void> {
    const client = openSubscriber(this.end);
    this.client = client;
    client.on("pmessageBuffer", (_pattern: Buffer, channel: Buffer, message: Buffer) => {
      const ch = channel.toString("latin1");
      const at = ch.indexOf("__:");
      const db = Number(ch.slice(11, at)); // "__keyevent@" is 11 characters
      const event = ch.slice(at + 3);
      if (REMOVING_EVENTS.has(event)) this.removingEvents++;
      this.h.onKey(db, message, event);
    });
    client.on("close", () => {
      if (!this.stopping) this.h.onLost();
    });
    client.on("ready", () => {
      if (this.subscribedOnce) void this.subscribe().catch(() => client.disconnect(true));
    });
    await client.connect();
    await this.subscribe();
  }

  private async subscribe(): Promise<void> {
    await this.client!.psubscribe(...this.dbs.map((db) => `__keyevent@${db}__:*`));
    const first = !this.subscribedOnce;
    this.subscribedOnce = true;
    this.h.onSubscribed(first);
  }

  stop(): void {
    this.stopping = true;
    this.client?.disconnect();
  }
}
