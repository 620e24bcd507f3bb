import type { TSampledGateRow } from "./judge-sampled-gate";

const NO_FLAG = -1;
const flag = (v: boolean | null) => (v === null ? NO_FLAG : v ? 1 : 0);
const unflag = (v: number) => (v === NO_FLAG ? null : v === 1);
const num = (v: number | null) => (v === null ? NaN : v);
const unnum = (v: number) => (Number.isNaN(v) ? null : v);

/**
 * One migration's recent samples as the gate reads them, kept column by column in typed arrays
 * that are reused tick after tick. Kept as row objects, a gate window (tens of seconds of 100
 * migrations) outlived two young-generation collections, was promoted, and died in the old one:
 * under bench/monitor.ts that promotion was what brought on the sampler's major collections
 * (and, after each, V8 compiling its hot code again). Rows are rebuilt only to be judged, every
 * few seconds, and die young.
 */
export class GateWindow {
  private start = 0;
  private size = 0;
  private at = new Float64Array(16);
  private lag = new Float64Array(16);
  private srcKeys = new Float64Array(16);
  private tgtKeys = new Float64Array(16);
  private flags = new Int8Array(16 * 4); // linkUp, syncInProgress, srcUp, tgtUp
  private texts: (string | null)[] = new Array<string | null>(16 * 2).fill(null); // shards, repl

  get length(): number {
    return this.size;
  }

  push(row: TSampledGateRow): void {
    if (this.size === this.at.length) this.grow();
    const i = (this.start + this.size++) % this.at.length;
    this.at[i] = row.at.getTime();
    this.lag[i] = num(row.lagBytes);
    this.srcKeys[i] = num(row.srcKeys);
    this.tgtKeys[i] = num(row.tgtKeys);
    this.flags[4 * i] = flag(row.linkUp);
    this.flags[4 * i + 1] = flag(row.syncInProgress);
    this.flags[4 * i + 2] = row.srcUp ? 1 : 0;
    this.flags[4 * i + 3] = row.tgtUp ? 1 : 0;
    this.texts[2 * i] = row.shards;
    this.texts[2 * i + 1] = row.repl;
  }

  /** Forgets the samples taken before `fromMs` (oldest first, so from the front). */
  dropBefore(fromMs: number): void {
    while (this.size > 0 && this.at[this.start] < fromMs) {
      this.texts[2 * this.start] = this.texts[2 * this.start + 1] = null;
      this.start = (this.start + 1) % this.at.length;
      this.size--;
    }
  }

  /** The window as rows, oldest first. */
  rows(): TSampledGateRow[] {
    const out: TSampledGateRow[] = [];
    for (let k = 0; k < this.size; k++) {
      const i = (this.start + k) % this.at.length;
      const f = 4 * i;
      out.push({
        at: new Date(this.at[i]),
        lagBytes: unnum(this.lag[i]),
        linkUp: unflag(this.flags[f]),
        syncInProgress: unflag(this.flags[f + 1]),
        srcKeys: unnum(this.srcKeys[i]),
        tgtKeys: unnum(this.tgtKeys[i]),
        srcUp: this.flags[f + 2] === 1,
        tgtUp: this.flags[f + 3] === 1,
        shards: this.texts[2 * i],
        repl: this.texts[2 * i + 1],
      });
    }
    return out;
  }

  /** Twice the room, the samples moved to the front in order. */
  private grow(): void {
    const rows = this.rows();
    const cap = this.at.length * 2;
    this.at = new Float64Array(cap);
    this.lag = new Float64Array(cap);
    this.srcKeys = new Float64Array(cap);
    this.tgtKeys = new Float64Array(cap);
    this.flags = new Int8Array(cap * 4);
    this.texts = new Array<string | null>(cap * 2).fill(null);
    this.start = this.size = 0;
    for (const r of rows) this.push(r);
  }
}
