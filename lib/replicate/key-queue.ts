/** `db:key` with the key's bytes kept exact (latin1 maps every byte to one char). */
export function keyId(db: number, key: Buffer): string {
  return `${db}:${key.toString("latin1")}`;
}

type Pending = { db: number; key: Buffer; since: number };
/** A scan batch's claim, taken before its first read: events after it make its reads stale. */
export type ScanWatch = { readonly db: number; readonly seq: number; overflowed?: true };

/**
 * Events remembered for open watches at most. Past it (a long chunked copy under a heavy write
 * load), the oldest watch stops being tracked: every key it asks about is treated as stale and
 * queued, so the live apply copies it instead and memory stays bounded.
 */
export const MAX_TRACKED_EVENTS = 100_000;

/**
 * Keys named by events and not yet applied, coalesced (one entry per key, keeping the time of
 * its oldest unapplied event), plus the ordering rules that stop a stale read from winning:
 * - a key being applied is not taken again until that apply finished (a newer event re-queues it);
 * - a scan batch "watches" its db from before its reads; an event after that for one of its keys
 *   marks the key stale and the scan skips writing it (the live apply re-reads it after the event: RIOT #130).
 */
export class KeyQueue {
  private readonly pending = new Map<string, Pending>();
  private readonly inFlight = new Set<string>();
  /** Events pushed so far; a watch remembers the count it started at. */
  private seq = 0;
  /** Seq of each key's latest event, oldest first, kept while a watch older than it is open. */
  private readonly recent = new Map<string, number>();
  private readonly watches: ScanWatch[] = [];
  private waiters: (() => void)[] = [];

  get size(): number {
    return this.pending.size;
  }
  get busy(): number {
    return this.inFlight.size;
  }
  /** Keys pushed so far (events and repairs); a watch's seq is this count when it was taken. */
  get pushed(): number {
    return this.seq;
  }

  push(db: number, key: Buffer, now = Date.now()): void {
    const id = keyId(db, key);
    this.seq++;
    if (this.watches.length > 0) {
      this.recent.delete(id); // re-inserted last, so the map stays in seq order
      this.recent.set(id, this.seq);
      if (this.recent.size > MAX_TRACKED_EVENTS) this.dropOldestWatch();
    }
    if (!this.pending.has(id)) this.pending.set(id, { db, key, since: now });
    this.wake();
  }

  oldestAgeMs(now = Date.now()): number {
    for (const p of this.pending.values()) return Math.max(0, now - p.since);
    return 0;
  }

  /** Up to `max` pending keys of one db that are not being applied, oldest first. */
  take(max: number): { db: number; keys: Buffer[]; since: number[] } | null {
    let db = -1;
    const keys: Buffer[] = [];
    const since: number[] = [];
    for (const [id, p] of this.pending) {
      if (this.inFlight.has(id) || (db >= 0 && p.db !== db)) continue;
      db = p.db;
      this.pending.delete(id);
      this.inFlight.add(id);
      keys.push(p.key);
      since.push(p.since);
      if (keys.length >= max) break;
    }
    return keys.length ? { db, keys, since } : null;
  }

  /** An apply finished (or failed: `requeue` puts the keys back with their original age). */
  done(db: number, keys: Buffer[], requeue?: number[]): void {
    keys.forEach((key, i) => {
      const id = keyId(db, key);
      this.inFlight.delete(id);
      if (requeue && !this.pending.has(id)) this.pending.set(id, { db, key, since: requeue[i] });
    });
    if (requeue) this.wake();
  }

  /** From now on, an event for any key of `db` makes that key stale for the returned watch. */
  watch(db: number): ScanWatch {
    const w = { db, seq: this.seq };
    this.watches.push(w);
    return w;
  }

  /** True when an event for the key arrived since watch() (or it is queued or being applied). */
  isStale(w: ScanWatch, key: Buffer): boolean {
    if (w.overflowed) {
      this.push(w.db, key);
      return true;
    }
    // No event since the watch and nothing queued: nothing can be stale (the common case of a copy).
    if (w.seq === this.seq && this.pending.size === 0 && this.inFlight.size === 0) return false;
    const id = keyId(w.db, key);
    return (this.recent.get(id) ?? -1) > w.seq || this.pending.has(id) || this.inFlight.has(id);
  }

  unwatch(w: ScanWatch): void {
    const i = this.watches.indexOf(w);
    if (i >= 0) this.watches.splice(i, 1);
    this.prune();
  }

  private dropOldestWatch(): void {
    this.watches.shift()!.overflowed = true;
    this.prune();
  }

  private prune(): void {
    if (this.watches.length === 0) return this.recent.clear();
    // Watches are opened in seq order: events at or before the oldest open one concern no watch.
    const oldest = this.watches[0].seq;
    for (const [id, seq] of this.recent) {
      if (seq > oldest) break;
      this.recent.delete(id);
    }
  }

  /** Resolves when something is pushed (or after `ms`). */
  wait(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const t = setTimeout(resolve, ms);
      this.waiters.push(() => {
        clearTimeout(t);
        resolve();
      });
    });
  }

  wake(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }
}
