import "server-only";
import { logError } from "../log-error";
import type { TSampleInput } from "./build-sample";
import { GateWatch, type TGateMetaRow } from "./gate-watch";
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

  /** The held migrations as the sampler's refresh just read them (state and options for the gate). */
  held(rows: TGateMetaRow[]): void {
    this.gate.setMeta(rows);
    this.postCutover.retain(new Set(rows.map((r) => r.id)));
  }

  /**
   * Runs beside the sampling, never holding up the next tick (an old source that hangs takes its
   * full command timeout); a tick whose previous round is still running skips its round. Most
   * ticks have nothing to do here: gates are judged every few seconds, watch samples are sparse.
   */
  afterTick(due: TWatched[], rows: TSampleInput[]): void {
    const now = Date.now();
    this.gate.remember(rows, now);
    if (this.running) return;
    const judge = this.gate.isDue(now);
    const watched = due.filter((m) => m.watch);
    if (!judge && watched.length === 0) return;
    this.running = this.round(judge, watched, rows, now)
      .catch((err) => logError("[ferry] sampler watches failed:", err))
      .finally(() => (this.running = null));
  }

  private async round(judge: boolean, watched: TWatched[], rows: TSampleInput[], now: number): Promise<void> {
    const sampleOf = watched.length ? new Map(rows.map((r) => [r.migrationId, r])) : null;
    await Promise.all([
      judge ? this.gate.judgeAll(now) : null,
      ...watched.map((m) => this.postCutover.check(m, sampleOf?.get(m.migrationId) ?? null, now).catch((err) => logError("[ferry] post-cutover watch failed:", err))),
    ]);
  }

  async close(): Promise<void> {
    await this.running;
    this.postCutover.close();
  }
}
