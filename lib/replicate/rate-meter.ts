/** Counts per second over a sliding window, in one-second buckets (bounded memory). */
export class RateMeter {
  private readonly buckets = new Map<number, number>();
  total = 0;
  constructor(private readonly windowSec = 5) {}

  add(n: number, now = Date.now()): void {
    const s = Math.floor(now / 1000);
    this.buckets.set(s, (this.buckets.get(s) ?? 0) + n);
    this.total += n;
    for (const k of this.buckets.keys()) if (k <= s - this.windowSec - 1) this.buckets.delete(k);
  }

  perSec(now = Date.now()): number {
    const s = Math.floor(now / 1000);
    let sum = 0;
    // Whole seconds only: the current, partial second would read low.
    for (const [k, v] of this.buckets) if (k < s && k >= s - this.windowSec) sum += v;
    return Math.round(sum / this.windowSec);
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
