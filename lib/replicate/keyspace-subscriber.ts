import "server-only";
import type { ReadOnlyRedis } from "../redis/read-only";
import { openSubscriber } from "./open-clients";
import type { TReplicationEnd } from "./types";

/** Events after which a key may be gone: counted to tell deletions from a FLUSHDB/FLUSHALL. */
const REMOVING_EVENTS = new Set(["del", "expired", "evicted", "rename_from", "move_from"]);

/** Which notification channels the source publishes (from notify-keyspace-events; "both" when unreadable). */
export type NotificationChannels = "keyevent" | "keyspace" | "both";

export type SubscriberHandlers = {
  onKey(db: number, key: Buffer, event: string): void;
  /** Subscribed to every db's pattern (the first time, and after each reconnect). */
  onSubscribed(first: boolean): void;
  /** The connection closed while we wanted it: events published until onSubscribed are lost. */
  onLost(): void;
};

/**
 * Listens to `__keyevent@N__:*` per db, or `__keyspace@N__:*` when the source only publishes
 * those. Keyevent is preferred: the message is the key's exact bytes (no channel prefix to strip)
 * and the channel is the event name. With both subscribed, each change arrives twice and
 * coalesces in the queue; removing events are then counted from keyevent channels only.
 */
export class KeyspaceSubscriber {
  private client: ReadOnlyRedis | null = null;
  private stopping = false;
  private subscribedOnce = false;
  private channels: NotificationChannels = "keyevent";
  removingEvents = 0;

  constructor(private readonly end: TReplicationEnd, private readonly dbs: number[], private readonly h: SubscriberHandlers) {}

  async start(channels: NotificationChannels): Promise<void> {
    this.channels = channels;
    const client = openSubscriber(this.end);
    this.client = client;
    client.on("pmessageBuffer", (_pattern: Buffer, channel: Buffer, message: Buffer) => this.onMessage(channel, message));
    client.on("close", () => {
      if (!this.stopping) this.h.onLost();
    });
    client.on("ready", () => {
      if (this.subscribedOnce) void this.subscribe().catch(() => client.disconnect(true));
    });
    await client.connect();
    await this.subscribe();
  }

  private onMessage(channel: Buffer, message: Buffer): void {
    // "__keyevent@0__:set" -> key in the message; "__keyspace@0__:<key>" -> event in the message.
    const at = channel.indexOf("__:");
    const db = Number(channel.toString("latin1", 11, at)); // "__keyevent@" and "__keyspace@" are 11 characters
    const keyevent = channel[5] === 0x65; // "__keye..." vs "__keys..."
    const key = keyevent ? message : channel.subarray(at + 3);
    const event = keyevent ? channel.toString("latin1", at + 3) : message.toString("latin1");
    if (REMOVING_EVENTS.has(event) && (keyevent || this.channels === "keyspace")) this.removingEvents++;
    this.h.onKey(db, key, event);
  }

  private async subscribe(): Promise<void> {
    const kinds = this.channels === "both" ? ["keyevent", "keyspace"] : [this.channels];
    await this.client!.psubscribe(...kinds.flatMap((k) => this.dbs.map((db) => `__${k}@${db}__:*`)));
    const first = !this.subscribedOnce;
    this.subscribedOnce = true;
    this.h.onSubscribed(first);
  }

  stop(): void {
    this.stopping = true;
    this.client?.disconnect();
  }
}
