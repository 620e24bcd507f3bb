import "server-only";
import type { TRedisEndpoint } from "../redis/endpoint";
import { redisEndpointToResp } from "../verify/engine/redis-endpoint-to-resp";
import { RespError } from "../verify/engine/resp-parser";
import { openLink, PerKeyBatch, type VerifyLink } from "../verify/engine/verify-link";
import { endFacts, type TEndFacts } from "./end-facts";
import { infoSections, parseInfoLean, type TInfoPlan } from "./info-plan";

// `INFO <section>` per section, encoded once per plan for every end and tick (the section is
// the batch's "key"): the request bytes of 200 ends a second are never rebuilt.
const batches = new Map<string, PerKeyBatch>();
function infoBatch(plan: TInfoPlan): PerKeyBatch {
  const key = `${plan.slow}/${plan.persistence}`;
  let b = batches.get(key);
  if (!b) batches.set(key, (b = new PerKeyBatch([["INFO"]], infoSections(plan).map((s) => Buffer.from(s)))));
  return b;
}

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
 * One long-lived connection to one end: the lean RESP socket of lib/verify behind its read-only
 * allow-list (the sampler only ever sends INFO), not ioredis, because 200 ends a second make the
 * client's per-command overhead the sampler's main cost. `read()` never waits for a connection:
 * while the end is down it returns null at once and reconnects in the background with backoff,
 * so one dead end costs its migration a gap, never a delayed tick for anyone else.
 */
export class EndReader {
  private link: VerifyLink | null = null;
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
  async read(plan: TInfoPlan = { slow: true, persistence: true }, deadline?: Promise<null>): Promise<TEndFacts | null> {
    if (!this.link) {
      // Wait for a (re)connect only as long as a read may take; a dead end answers null in time.
      const attempt = this.maybeConnect();
      if (attempt) await Promise.race([attempt, new Promise((r) => setTimeout(r, this.opts.timeoutMs / 2).unref())]);
      if (!this.link) return null;
      plan = { ...plan, slow: true };
    }
    // A previous INFO still unanswered (slow end): do not pile more onto its socket.
    if (this.inFlight) return null;
    this.inFlight = true;
    const link = this.link;
    const reply = link.perKey(infoBatch(plan));
    let timer: NodeJS.Timeout | undefined;
    const timeout = deadline ?? new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), this.opts.timeoutMs)));
    try {
      const replies = await Promise.race([reply, timeout]);
      if (replies === null) {
        // The INFO outlives the timeout: inFlight stays set until it settles either way.
        const settled = () => (this.inFlight = false);
        reply.then(settled, settled);
        this.lastError = `INFO took longer than ${this.opts.timeoutMs} ms`;
        return null;
      }
      this.inFlight = false;
      const failed = replies.find((r) => r instanceof RespError);
      if (failed) throw failed;
      const facts = endFacts(parseInfoLean(replies.map((r) => (Buffer.isBuffer(r) ? r.toString("latin1") : ""))));
      if (plan.slow) this.slowFacts = { memory: facts.memory, ops: facts.ops };
      else Object.assign(facts, this.slowFacts);
      return facts;
    } catch (err) {
      // Only the INFO's own failure lands here (the timeout resolves): it has settled.
      this.inFlight = false;
      this.lastError = err instanceof Error ? err.message : String(err);
      this.drop(link);
      return null;
    } finally {
      clearTimeout(timer);
    }
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
      const link = await openLink({ endpoint: { ...redisEndpointToResp(endpoint), connectTimeoutMs: 2_000 }, readOnly: true });
      // Named so operators can tell the monitor's connections apart in CLIENT LIST; best effort.
      void link.send([["CLIENT", "SETNAME", this.opts.connectionName]]).catch(() => {});
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

  private drop(link: VerifyLink): void {
    if (this.link !== link) return;
    this.link = null;
    this.inFlight = false;
    link.close();
    // Reconnect on the next tick, then back off if that fails too.
    this.nextAttemptAt = Date.now();
  }
}
