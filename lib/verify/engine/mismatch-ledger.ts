import { emptyTotals, storeMismatch, type StoredMismatch, type VerifyCheckpoint } from "./checkpoint";
import { displayKey } from "./key-display";
import type { KeyMismatch, MismatchStatus } from "./types";

type Pending = { db: number; key: Buffer; status: MismatchStatus; detail: string; fromReverse: boolean };

/**
 * Where differences live. Before the last round a difference is only a suspicion (writes in
 * flight) and waits in `pending`, capped; after the last round it is final: handed to the sink,
 * counted, and kept in detail only up to maxMismatches. Memory stays bounded by the two caps.
 */
export class MismatchLedger {
  readonly pending = new Map<string, Pending>();
  readonly retained: KeyMismatch[] = [];
  totals = emptyTotals();
  count = 0;
  /** Final mismatches that are source keys (so OK = keysCompared - fromScan). */
  fromScan = 0;
  notRechecked = 0;
  private retainedFromReverse: boolean[] = [];

  constructor(
    private readonly maxMismatches: number,
    private readonly maxRecheck: number,
    private readonly sink?: (m: KeyMismatch) => void | Promise<void>,
  ) {}

  static id(db: number, key: Buffer): string {
    return `${db}:${key.toString("latin1")}`;
  }

  /** A difference seen this round; final when no later round will look again. */
  async record(p: Pending, isFinal: boolean): Promise<void> {
    const id = MismatchLedger.id(p.db, p.key);
    if (!isFinal && (this.pending.has(id) || this.pending.size < this.maxRecheck)) {
      this.pending.set(id, p);
      return;
    }
    if (!isFinal) this.notRechecked++;
    await this.emit(p);
  }

  /** A re-check still differs: keep the newest status and detail. */
  update(p: Pending): void {
    this.pending.set(MismatchLedger.id(p.db, p.key), p);
  }

  resolve(db: number, key: Buffer): void {
    this.pending.delete(MismatchLedger.id(db, key));
  }

  /** After the last round: whatever still differs is reported. */
  async finalizePending(): Promise<void> {
    for (const p of this.pending.values()) await this.emit(p);
    this.pending.clear();
  }

  private async emit(p: Pending): Promise<void> {
    const m: KeyMismatch = { db: p.db, key: p.key, keyDisplay: displayKey(p.key), status: p.status, detail: p.detail };
    this.count++;
    this.totals[p.status]++;
    if (!p.fromReverse) this.fromScan++;
    if (this.retained.length < this.maxMismatches) {
      this.retained.push(m);
      this.retainedFromReverse.push(p.fromReverse);
    }
    await this.sink?.(m);
  }

  snapshot(): Pick<VerifyCheckpoint, "pending" | "final"> {
    const pending = [...this.pending.values()].map((p) => storeMismatch({ ...p, keyDisplay: "" }, p.fromReverse));
    const retained = this.retained.map((m, i) => storeMismatch(m, this.retainedFromReverse[i]));
    const final = { totals: { ...this.totals }, retained, count: this.count, fromScan: this.fromScan, notRechecked: this.notRechecked };
    return { pending, final };
  }

  restore(c: VerifyCheckpoint): void {
    const load = (s: StoredMismatch) => ({ db: s.db, key: Buffer.from(s.key, "base64"), status: s.status, detail: s.detail, fromReverse: s.fromReverse });
    for (const s of c.pending) {
      const p = load(s);
      this.pending.set(MismatchLedger.id(p.db, p.key), p);
    }
    for (const s of c.final.retained) {
      const p = load(s);
      this.retained.push({ db: p.db, key: p.key, keyDisplay: displayKey(p.key), status: p.status, detail: p.detail });
      this.retainedFromReverse.push(p.fromReverse);
    }
    this.totals = { ...emptyTotals(), ...c.final.totals };
    this.count = c.final.count;
    this.fromScan = c.final.fromScan;
    this.notRechecked = c.final.notRechecked;
  }
}
