import "server-only";
import { db } from "../db";
import { gateOptionsOf, readMigrationOptions, readReplicateOptions } from "../migrations/migration-record";
import type { TSampleInput } from "./build-sample";
import { evaluateCutoverGate, judgeGate, type TCutoverGate } from "./cutover-gate";
import { GATE_STATES, recordGateTransition } from "./gate-transition";
import type { TReplicateOptions } from "../replication-store/replicate-options";
import type { TGateOptions } from "./gate-options";
import { judgeReplicationGate } from "./replication-gate";

/** How often the watched migrations' state and gate options are re-read and each gate judged. */
export const GATE_META_MS = 5_000;

type TMeta = { inGateState: boolean; strategy: string; gate: TGateOptions; replicate: TReplicateOptions | null; windowMs: number };
type TTrack = { since: number; samples: TSampleInput[]; nextJudgeAt: number };

/**
 * Judges the cutover gate of the migrations one sampler holds from the samples it just stored (the
 * same judgment as evaluateCutoverGate over the same rows, without reading them back: at 100
 * migrations a per-tick evaluation was 200 queries a second), and records its transitions. A
 * closing is only judged once the sampler holds a full gate window, so a sampler that just took a
 * migration over does not mistake its short memory for a closed gate.
 */
export class GateWatch {
  private readonly known = new Map<string, boolean>();
  private readonly tracks = new Map<string, TTrack>();
  private meta = new Map<string, TMeta>();
  private metaAt = 0;

  /** Keeps every tick's samples, even of a tick whose judging is skipped while the previous one runs. */
  remember(rows: TSampleInput[], now: number): void {
    for (const row of rows) {
      const t = this.tracks.get(row.migrationId) ?? { since: now, samples: [], nextJudgeAt: 0 };
      this.tracks.set(row.migrationId, t);
      t.samples.push(row);
    }
  }

  async observe(ids: string[], now: number): Promise<void> {
    if (now - this.metaAt >= GATE_META_MS || ids.some((id) => !this.meta.has(id))) await this.readMeta(ids, now);
    await Promise.all(ids.map(async (id) => {
      const m = this.meta.get(id);
      const t = this.tracks.get(id);
      if (!m || !t) return;
      while (t.samples.length && t.samples[0].at.getTime() < now - m.windowMs) t.samples.shift();
      // Judged every GATE_META_MS, not every tick: a notification a few seconds late costs nothing,
      // judging 100 migrations' windows every second cost the sampler about as much as INFO itself.
      if (!m.inGateState || now < t.nextJudgeAt) return;
      t.nextJudgeAt = now + GATE_META_MS;
      const gate = await this.judge(id, m, t, now);
      if (!gate || (!gate.open && now - t.since < m.windowMs)) return;
      await recordGateTransition({ migrationId: id, gate, known: this.known });
    }));
  }

  private async judge(id: string, m: TMeta, t: TTrack, now: number): Promise<TCutoverGate | null> {
    if (m.replicate) return judgeReplicationGate(t.samples, m.gate, m.replicate, now);
    if (m.strategy !== "serverless-online") return judgeGate(t.samples, m.gate, now);
    return evaluateCutoverGate({ migrationId: id });
  }

  private async readMeta(ids: string[], now: number): Promise<void> {
    this.metaAt = now;
    const rows = ids.length ? await db.migration.findMany({ where: { id: { in: ids } }, select: { id: true, state: true, strategy: true, options: true } }) : [];
    this.meta = new Map(rows.map((r) => {
      const gate = gateOptionsOf(readMigrationOptions(r.options));
      const windowMs = (gate.stableSeconds + Math.max(gate.maxSampleAgeSeconds, 5)) * 1000;
      const replicate = r.strategy === "replicate" ? readReplicateOptions(r.options) : null;
      return [r.id, { inGateState: GATE_STATES.includes(r.state), strategy: r.strategy, gate, replicate, windowMs }];
    }));
    for (const id of [...this.tracks.keys()]) if (!this.meta.has(id)) this.tracks.delete(id);
    for (const id of [...this.known.keys()]) if (!this.meta.has(id)) this.known.delete(id);
  }
}
