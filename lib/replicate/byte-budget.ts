/**
 * Bytes read from the source and not yet acknowledged by the target. A request larger than the
 * whole budget still runs when nothing else is in flight, so one big chunk can never deadlock.
 */
export class ByteBudget {
  private used = 0;
  private waiters: (() => void)[] = [];
  constructor(readonly max: number) {}

  get inFlight(): number {
    return this.used;
  }

  async acquire(bytes: number): Promise<number> {
    while (this.used > 0 && this.used + bytes > this.max) {
      await new Promise<void>((r) => this.waiters.push(r));
    }
    this.used += bytes;
    return bytes;
  }

  release(bytes: number): void {
    this.used = Math.max(0, this.used - bytes);
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }
}
