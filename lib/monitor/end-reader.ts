import "server-only";
import { AppError } from "../errors";
import type { TRedisEndpoint } from "../redis/endpoint";
import { REPLY_TIMEOUT_MS } from "../verify/engine/resp-connection";
import { endFacts, type TEndFacts } from "./end-facts";
import { parseInfoLean, type TInfoPlan } from "./info-plan";
import { infoRequest, InfoSocket } from "./info-socket";

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
 * One long-lived connection to one end: an InfoSocket, which can send nothing but INFO, not
 * ioredis, because 200 ends a second make a client's per-command overhead the sampler's main
 * cost. `read()` never waits for a connection: while the end is down it returns null at once and
 * reconnects in the background with backoff, so one dead end costs its migration a gap, never a
 * delayed tick for anyone else.
 */
export class EndReader {
  private link: InfoSocket | null = null;
  private connecting: Promise<void> | null = null;
  private inFlight = false;
  private failures = 0;
  private nextAttemptAt = 0;
  private closed = false;
  /** False until the first connection attempt has ended either way: before that, null means "not read yet", not "down". */
  settled = false;
  // Memory and ops are read at a lower rate; between readings a sample repeats the latest one.
  private slowFacts: Pick<TEndFacts, "memory" | "ops"> = { memory: null, ops: null };
  lastError: string | null = null;

  constructor(private readonly opts: TEndReaderOptions) {}

  /**
   * One reading. `deadline` (resolving null) is shared by all reads of a tick, so a tick of 200
   * ends arms one timer rather than 200; without it the read arms its own timeoutMs.
   */
  read(plan: TInfoPlan = { slow: true, persistence: true }, deadline?: Promise<null>): Promise<TEndFacts | null> {
    return this.link ? this.readOn(this.link, plan, deadline) : this.connectThenRead(plan, deadline);
  }

  private async connectThenRead(plan: TInfoPlan, deadline?: Promise<null>): Promise<TEndFacts | null> {
    // Wait for a (re)connect only as long as a read may take; a dead end answers null in time.
    const attempt = this.maybeConnect();
    if (attempt) await Promise.race([attempt, new Promise((r) => setTimeout(r, this.opts.timeoutMs / 2).unref())]);
    // A new connection reads every section: its memory and ops would otherwise wait for the next slow tick.
    return this.link ? this.readOn(this.link, { ...plan, slow: true }, deadline) : null;
  }

  /** One request and one callback, no promise per step: the sampler makes 200 of these a second. */
  private readOn(link: InfoSocket, plan: TInfoPlan, deadline?: Promise<null>): Promise<TEndFacts | null> {
    if (this.inFlight) {
      // A previous INFO still unanswered (slow end): do not pile more onto its socket. A server
      // silent for REPLY_TIMEOUT_MS is taken for frozen: the connection is dropped and made again.
      if (link.owedForMs() > REPLY_TIMEOUT_MS) this.drop(link);
      return Promise.resolve(null);
    }
    this.inFlight = true;
    return new Promise<TEndFacts | null>((resolve) => {
      let answered = false;
      let timer: NodeJS.Timeout | undefined;
      link.request(infoRequest(plan), (replies) => {
        // The INFO has settled either way: the next tick may ask again.
        this.inFlight = false;
        clearTimeout(timer);
        if (answered) return;
        answered = true;
        resolve(this.facts(link, plan, replies));
      });
      if (answered) return;
      const expire = () => {
        if (answered) return;
        answered = true;
        this.lastError = `INFO took longer than ${this.opts.timeoutMs} ms`;
        resolve(null);
      };
      if (deadline) void deadline.then(expire);
      else timer = setTimeout(expire, this.opts.timeoutMs);
    });
  }

  private facts(link: InfoSocket, plan: TInfoPlan, replies: (string | AppError)[] | Error): TEndFacts | null {
    const failed = replies instanceof Error ? replies : replies.find((r) => r instanceof AppError);
    if (failed) {
      this.lastError = failed.message;
      this.drop(link);
      return null;
    }
    const facts = endFacts(parseInfoLean(replies as string[]));
    if (plan.slow) this.slowFacts = { memory: facts.memory, ops: facts.ops };
    else Object.assign(facts, this.slowFacts);
    return facts;
  }

  async close(): Promise<void> {
    this.closed = true;
    const l = this.link;
    this.link = null;
    l?.close();
  }

  private maybeConnect(): Promise<void> | null {
    if (this.connecting) return this.connecting;
    if (this.closed || Date.now() < this.nextAttemptAt) return null;
    return (this.connecting = this.connect().finally(() => (this.connecting = null)));
  }

  private async connect(): Promise<void> {
    try {
      const endpoint = await this.opts.locate();
      const link = await InfoSocket.open(endpoint, { connectTimeoutMs: 2_000, name: this.opts.connectionName });
      if (this.closed) {
        link.close();
        return;
      }
      this.settled = true;
      this.link = link;
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

  private drop(link: InfoSocket): void {
    if (this.link !== link) return;
    this.link = null;
    this.inFlight = false;
    link.close();
    // Reconnect on the next tick, then back off if that fails too.
    this.nextAttemptAt = Date.now();
  }
}
