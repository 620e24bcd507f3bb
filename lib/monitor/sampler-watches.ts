import "server-only";
import { logError } from "../log-error";
import type { TSampleInput } from "./build-sample";
import { GateWatch } from "./gate-watch";
import { PostCutoverWatch } from "./post-cutover-watch";

type TWatched = { migrationId: string; watch: boolean; replicate: boolean };

/**
 * What the sampler records as events after each tick, kept out of the sampler loop: gate openings
 * and closings of the migrations it samples before cutover, anomalies of those under post-cutover
 * watch. The sampler of a migration is single (its SamplerLease), so each transition is seen once.
 */
export class SamplerWatches {
  private readonly gate = new GateWatch();
  private readonly postCutover = new PostCutoverWatch();

  private running: Promise<void> | null = null;

  /**
   * Runs beside the sampling, never holding up the next tick (an old source that hangs takes its
   * full command timeout); a tick whose previous round is still running skips its round.
   */
  afterTick(due: TWatched[], rows: TSampleInput[], held: Set<string>): void {
    const gated = new Set(due.filter((m) => !m.watch).map((m) => m.migrationId));
    this.gate.remember(rows.filter((r) => gated.has(r.migrationId)), Date.now());
    if (this.running) return;
    this.running = this.round(due, rows, held)
      .catch((err) => logError("[ferry] sampler watches failed:", err))
      .finally(() => (this.running = null));
  }

  private async round(due: TWatched[], rows: TSampleInput[], held: Set<string>): Promise<void> {
    this.postCutover.retain(held);
    const gated = due.filter((m) => !m.watch).map((m) => m.migrationId);
    const sampleOf = new Map(rows.map((r) => [r.migrationId, r]));
    await Promise.all([
      this.gate.observe(gated, Date.now()).catch((err) => logError("[ferry] gate transition failed:", err)),
      ...due.filter((m) => m.watch).map((m) => this.postCutover.check(m, sampleOf.get(m.migrationId) ?? null, Date.now()).catch((err) => logError("[ferry] post-cutover watch failed:", err))),
    ]);
  }

  async close(): Promise<void> {
    await this.running;
    this.postCutover.close();
  }
}
