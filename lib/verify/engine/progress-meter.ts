import type { VerifyProgress } from "./types";

/** Throttles progress callbacks and derives keys/s and ETA from what this process did itself. */
export class ProgressMeter {
  private last = 0;
  private phaseStart = Date.now();
  private phaseBase = 0;
  private phase = "";

  constructor(
    private readonly onProgress: ((p: VerifyProgress) => void) | undefined,
    private readonly intervalMs: number,
  ) {}

  report(p: Omit<VerifyProgress, "keysPerSec" | "etaSec">, force = false): void {
    if (p.phase !== this.phase || (p.phase === "recheck" && p.keysDone === 0)) {
      this.phase = p.phase;
      this.phaseStart = Date.now();
      this.phaseBase = p.keysDone;
    }
    const now = Date.now();
    if (!this.onProgress || (!force && now - this.last < this.intervalMs)) return;
    this.last = now;
    const secs = (now - this.phaseStart) / 1000;
    const keysPerSec = secs > 0 ? Math.round((p.keysDone - this.phaseBase) / secs) : 0;
    const left = Math.max(0, p.keysTotal - p.keysDone);
    const etaSec = keysPerSec > 0 ? Math.round(left / keysPerSec) : null;
    this.onProgress({ ...p, keysPerSec, etaSec });
  }
}
