/** `db:key` with the key's bytes kept exact (latin1 maps every byte to one char). */
export function keyId(db: number, key: Buffer): string {
  return `${db}:${key.toString("latin1")}`;
}

type Pending = { db: number; key: Buffer; since: number };

/**
 * Keys named by events and not yet applied, coalesced (one entry per key, keeping the time of
 * its oldest unapplied event), plus the ordering rules that stop a stale read from winning:
 * - a key being applied is not taken again until that apply finished (a newer event re-queues it);
 * - a scan batch "watches" its keys from before its reads; an event for a watched key marks it
 *   stale and the scan skips writing it (the live apply re-reads it after the event: RIOT #130).
 */
export class KeyQueue {
  private readonly pending = new Map<string, Pending>();
  private readonly inFlight = new Set<string>();
  private readonly watched = new Map<string, { stale: boolean; refs: number }>();
  private waiters: (() => void)[] = [];

  get size(): number {
    return this.pending.size;
  }
  get busy(): number {
    return this.inFlight.size;
  }

  push(db: number, key: Buffer, now = Date.now()): void {
    const id = keyId(db, key);
    const w = this.watched.get(id);
    if (w) w.stale = true;
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

  watch(db: number, keys: Buffer[]): void {
    for (const key of keys) {
      const id = keyId(db, key);
      const w = this.watched.get(id);
      if (w) w.refs++;
      else this.watched.set(id, { stale: false, refs: 1 });
    }
  }

  /** True when an event for the key arrived since watch() (or it is queued or being applied). */
  isStale(db: number, key: Buffer): boolean {
    const id = keyId(db, key);
    return this.watched.get(id)?.stale === true || this.pending.has(id) || this.inFlight.has(id);
  }

  unwatch(db: number, keys: Buffer[]): void {
    for (const key of keys) {
      const id = keyId(db, key);
      const w = this.watched.get(id);
      if (w && --w.refs <= 0) this.watched.delete(id);
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
