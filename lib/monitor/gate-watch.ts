import "server-only";
import { gateOptionsOf, readMigrationOptions, readReplicateOptions } from "../migrations/migration-record";
import { logError } from "../log-error";
import type { TReplicateOptions } from "../replication-store/replicate-options";
import type { TSampleInput } from "./build-sample";
import { evaluateCutoverGate, type TCutoverGate } from "./cutover-gate";
import type { TGateOptions } from "./gate-options";
import { GATE_STATES, recordGateTransition } from "./gate-transition";
import { gateWindowMs, judgeSampledGate, type TSampledGateRow } from "./judge-sampled-gate";

/** How often every held migration's gate is judged. */
export const GATE_JUDGE_MS = 5_000;

/** A held migration as the sampler's refresh reads it. */
export type TGateMetaRow = { id: string; state: string; strategy: string; options: string | null };

type TMeta = { options: string | null; strategy: string; inGateState: boolean; gate: TGateOptions; replicate: TReplicateOptions | null; windowMs: number };
type TTrack = { since: number; samples: TSampledGateRow[] };

/**
 * Judges the cutover gate of the migrations one sampler holds from the samples it just stored
 * (judgeSampledGate, the judgment evaluateCutoverGate makes over the same rows, without reading
 * them back) and records its transitions. State and options come from the sampler's own refresh,
 * so a steady watch reads nothing from the database. A closing is only judged once the sampler
 * holds a full gate window, so a sampler that just took a migration over does not mistake its
 * short memory for a closed gate.
 */
export class GateWatch {
  private readonly known = new Map<string, boolean>();
  private readonly tracks = new Map<string, TTrack>();
  private meta = new Map<string, TMeta>();
  private nextJudgeAt = 0;

  /** Options are parsed again only when their stored text changed (the refresh runs every few seconds). */
  setMeta(rows: TGateMetaRow[]): void {
    const next = new Map<string, TMeta>();
    for (const r of rows) {
      const old = this.meta.get(r.id);
      const kept = old && old.options === r.options && old.strategy === r.strategy ? old : parseMeta(r);
      next.set(r.id, { ...kept, inGateState: GATE_STATES.includes(r.state) });
    }
    this.meta = next;
    for (const id of this.tracks.keys()) if (!next.has(id)) this.tracks.delete(id);
    for (const id of this.known.keys()) if (!next.has(id)) this.known.delete(id);
  }

  /** Keeps every tick's samples of migrations in a gate state, judged or not. */
  remember(rows: TSampleInput[], now: number): void {
    for (const row of rows) {
      if (!this.meta.get(row.migrationId)?.inGateState) continue;
      // Only what the gate reads is kept through the window; the whole row dies young. At the longest
      // window (stableSeconds 3,600) whole rows of 100 migrations held 82 MB of heap, these 42 MB;
      // written out field by field, since the same fields copied with an object spread took 171 MB.
      const kept: TSampledGateRow = {
        at: row.at, lagBytes: row.lagBytes, linkUp: row.linkUp, syncInProgress: row.syncInProgress, srcKeys: row.srcKeys, tgtKeys: row.tgtKeys,
        srcUp: row.srcUp, tgtUp: row.tgtUp, shards: row.shards, repl: row.repl,
      };
      const t = this.tracks.get(row.migrationId);
      if (t) t.samples.push(kept);
      else this.tracks.set(row.migrationId, { since: now, samples: [kept] });
    }
  }

  isDue(now: number): boolean {
    return now >= this.nextJudgeAt;
  }

  /**
   * Every GATE_JUDGE_MS, not every tick: a notification a few seconds late costs nothing, judging
   * 100 migrations' windows every second cost the sampler about as much as INFO itself.
   */
  async judgeAll(now: number): Promise<void> {
    this.nextJudgeAt = now + GATE_JUDGE_MS;
    const pending: Promise<unknown>[] = [];
    for (const [id, t] of this.tracks) {
      const m = this.meta.get(id);
      if (!m?.inGateState) {
        this.tracks.delete(id);
        continue;
      }
      const from = now - m.windowMs;
      let drop = 0;
      while (drop < t.samples.length && t.samples[drop].at.getTime() < from) drop++;
      if (drop) t.samples.splice(0, drop);
      const record = (gate: TCutoverGate) => {
        if (!gate.open && now - t.since < m.windowMs) return;
        // A steady gate costs nothing: only a change against what this sampler knows is confirmed.
        if (this.known.get(id) === gate.open) return;
        return recordGateTransition({ migrationId: id, gate, known: this.known });
      };
      const settle = (p: Promise<unknown>) => pending.push(p.catch((err) => logError("[ferry] gate transition failed:", err)));
      // A serverless target's gate asks AWS, not the samples.
      if (m.strategy === "serverless-online") settle(evaluateCutoverGate({ migrationId: id }).then(record));
      else {
        const done = record(judgeSampledGate({ rows: t.samples, gate: m.gate, replicate: m.replicate, now }));
        if (done) settle(done);
      }
    }
    await Promise.all(pending);
  }
}

function parseMeta(r: TGateMetaRow): Omit<TMeta, "inGateState"> {
  const gate = gateOptionsOf(readMigrationOptions(r.options));
  const replicate = r.strategy === "replicate" ? readReplicateOptions(r.options) : null;
  return { options: r.options, strategy: r.strategy, gate, replicate, windowMs: gateWindowMs(gate) };
}
