/**
 * Caps the bytes of replies held at once across every batch in flight (DUMP payloads and
 * whole-value reads), whatever the server allows: a batch waits for room instead of piling up.
 * Sizes are estimates until the replies land, then corrected (grow) so `peak` is what was held.
 */
export class ByteBudget {
  /** Reservations of inBudget slices: released without waiting on the budget, so waiting on them cannot deadlock. */
  private used = 0;
  /** Bytes already received and held by a batch that may itself wait for a slice (the read script's payloads). */
  private held = 0;
  peak = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(readonly limit: number) {}

  /** Waits until `bytes` fit (a reservation bigger than the limit runs alone). */
  async acquire(bytes: number): Promise<number> {
    const want = Math.min(bytes, this.limit);
    while (this.used > 0 && this.used + this.held + want > this.limit) await new Promise<void>((r) => this.waiting.push(r));
    this.used += want;
    this.note();
    return want;
  }

  /** The replies turned out bigger than reserved: count what is really held. */
  grow(by: number): void {
    if (by <= 0) return;
    this.used += by;
    this.note();
  }

  /** Counts bytes a batch already holds (never waits: the holder may be about to wait for a slice). */
  hold(bytes: number): void {
    this.held += bytes;
    this.note();
  }

  unhold(bytes: number): void {
    this.held -= bytes;
    for (const wake of this.waiting.splice(0)) wake();
  }

  private note(): void {
    this.peak = Math.max(this.peak, this.used + this.held);
  }

  release(bytes: number): void {
    this.used -= bytes;
    for (const wake of this.waiting.splice(0)) wake();
  }
}

/**
 * Runs `fn` over `items` in slices whose estimated reply size fits a share of the budget, one
 * slice at a time, each holding its reservation until `fn` returns (its replies are dropped then).
 * `fn` returns the actual bytes it received so the budget tracks reality.
 */
export async function inBudget<T>(
  budget: ByteBudget,
  items: T[],
  estimate: (item: T) => number,
  fn: (slice: T[]) => Promise<number>,
  share = 4,
): Promise<void> {
  const sliceCap = Math.max(1, Math.floor(budget.limit / share));
  let start = 0;
  while (start < items.length) {
    let bytes = 0;
    let end = start;
    while (end < items.length && (end === start || bytes + estimate(items[end]) <= sliceCap)) bytes += estimate(items[end++]);
    const held = await budget.acquire(bytes);
    let extra = 0;
    try {
      const actual = await fn(items.slice(start, end));
      extra = Math.max(0, actual - held);
      budget.grow(extra);
    } finally {
      budget.release(held + extra);
    }
    start = end;
  }
}
