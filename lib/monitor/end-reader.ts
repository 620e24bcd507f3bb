import "server-only";
import type { Redis } from "ioredis";
import { connectRedis } from "../redis/connect";
import type { TRedisEndpoint } from "../redis/endpoint";
import { parseInfo } from "../redis/info";
import { endFacts, type TEndFacts } from "./end-facts";

export type TEndReaderOptions = {
  /** Resolves where the end is now (for ElastiCache, after discovery); called on each (re)connect. */
  locate: () => Promise<TRedisEndpoint>;
  connectionName: string;
  /** An INFO slower than this counts as "not read" for this tick. */
  timeoutMs: number;
  /** Reconnect backoff: first delay, doubled per failure up to max. */
  backoffMs?: number;
  maxBackoffMs?: number;
};

/**
 * One long-lived connection to one end. `read()` never waits for a connection: while the end is
 * down it returns null at once and reconnects in the background with backoff, so one dead end
 * costs its migration a gap, never a delayed tick for anyone else.
 */
export class EndReader {
  private client: Redis | null = null;
  private connecting: Promise<void> | null = null;
  private inFlight = false;
  private failures = 0;
  private nextAttemptAt = 0;
  private closed = false;
  /** False until the first connection attempt has ended either way: before that, null means "not read yet", not "down". */
  settled = false;
  lastError: string | null = null;

  constructor(private readonly opts: TEndReaderOptions) {}

  async read(): Promise<TEndFacts | null> {
    if (!this.client) {
      // Wait for a (re)connect only as long as a read may take; a dead end answers null in time.
      const attempt = this.maybeConnect();
      if (attempt) await Promise.race([attempt, new Promise((r) => setTimeout(r, this.opts.timeoutMs / 2).unref())]);
      if (!this.client) return null;
    }
    // A previous INFO still unanswered (slow end): do not pile more onto its socket.
    if (this.inFlight) return null;
    this.inFlight = true;
    const client = this.client;
    const reply = client.info();
    // The INFO may outlive the timeout; inFlight stays set until it settles either way.
    void reply.then(() => (this.inFlight = false), () => (this.inFlight = false));
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), this.opts.timeoutMs)));
    try {
      const text = await Promise.race([reply, timeout]);
      if (text === null) {
        this.lastError = `INFO took longer than ${this.opts.timeoutMs} ms`;
        return null;
      }
      return endFacts(parseInfo(text));
    } catch (err) {
      this.lastError = err instanceof Error ? err.message : String(err);
      this.drop(client);
      return null;
    } finally {
      clearTimeout(timer);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    const c = this.client;
    this.client = null;
    if (c) await c.quit().catch(() => c.disconnect());
  }

  private maybeConnect(): Promise<void> | null {
    if (this.connecting) return this.connecting;
    if (this.closed || Date.now() < this.nextAttemptAt) return null;
    return (this.connecting = this.connect().finally(() => (this.connecting = null)));
  }

  private async connect(): Promise<void> {
    try {
      const endpoint = await this.opts.locate();
      // role "source" for both ends: the sampler only ever sends INFO, and the read-only guard
      // makes that a property of the client rather than of this file.
      const client = await connectRedis(endpoint, {
        role: "source",
        connectionName: this.opts.connectionName,
        // No ioredis-level reconnects: this class owns the backoff, so a drop surfaces as a gap.
        timeouts: { connectMs: 2_000, commandMs: 5_000, maxRetriesPerRequest: 0, maxReconnects: 0 },
      });
      if (this.closed) {
        client.disconnect();
        return;
      }
      this.settled = true;
      client.once("end", () => this.drop(client));
      this.client = client;
      this.failures = 0;
      this.lastError = null;
    } catch (err) {
      this.settled = true;
      this.lastError = err instanceof Error ? err.message : String(err);
      this.failures++;
      const base = this.opts.backoffMs ?? 1_000;
      this.nextAttemptAt = Date.now() + Math.min(base * 2 ** (this.failures - 1), this.opts.maxBackoffMs ?? 15_000);
    }
  }

  private drop(client: Redis): void {
    if (this.client !== client) return;
    this.client = null;
    this.inFlight = false;
    client.disconnect();
    // Reconnect on the next tick, then back off if that fails too.
    this.nextAttemptAt = Date.now();
  }
}
