import "server-only";
import type { Replicator, TReplicationCheckpoint, TReplicationEvent } from "../../replicate/types";
import { db } from "../../db";
import { recordEvent } from "../../events/record-event";
import { openReplicator, type TReplicationRow } from "./open-replicator";
import { readCheckpoint, readReplicationOptions, readRequest, readResponse, writeJson, type TReplicationRequest } from "../../replication-store/replication-json";

const WARN_KINDS = new Set(["reconnect", "subscriber-killed", "flush-detected", "copy-mode-fallback"]);

/**
 * A replicator this process runs. Everything it writes is guarded by the lease (leaseOwner =
 * owner), so a process that lost its lease while paused cannot overwrite the next owner's
 * checkpoint. `dead` stands for a killed process in tests: nothing more is written.
 */
export class HeldReplication {
  dead = false;
  private busy: Promise<void> | null = null;
  private lastCompareAt = 0;

  private constructor(readonly row: TReplicationRow, private readonly owner: string, public replicator: Replicator | null = null) {}

  /** Opens and starts the replicator, from the stored checkpoint when there is one (a resume). */
  static async start(row: TReplicationRow, owner: string): Promise<HeldReplication> {
    const h = new HeldReplication(row, owner);
    const options = readReplicationOptions(row.options);
    if (!options) throw new Error(`replication ${row.id} has unreadable options`);
    const seeded = readCheckpoint(row.checkpoint);
    // A checkpoint without stats was seeded at creation (reverse starts live), not left by a run.
    const stored = row.statsAt ? seeded : null;
    // Events published while no process listened are lost: a resume always repairs.
    const checkpoint = seeded ? { ...seeded, needsRepair: seeded.needsRepair || !!stored } : undefined;
    h.replicator = await openReplicator({ row, options, checkpoint, onCheckpoint: (cp) => h.saveCheckpoint(cp), onEvent: (e) => void h.saveEvent(e) });
    try {
      await h.replicator.start();
    } catch (err) {
      // A half-started replicator may hold a subscription: close it before the next attempt.
      await h.replicator.stop().catch(() => {});
      throw err;
    }
    const what = h.label();
    await h.event(stored ? "replication.resumed" : "replication.started", stored ? `${what} resumed from its checkpoint (${stored.keysCopied.toLocaleString("en-US")} keys copied, ${stored.phase}); a repair pass follows for the time nothing listened.` : `${what} started: listening to keyspace notifications, then copying every key.`, stored ? "warn" : "info");
    return h;
  }

  label(): string {
    return this.row.direction === "reverse" ? "Reverse replication (new target → old source)" : "Replication (source → target)";
  }

  /** One tick: latest stats, a pending request from a flow step, the periodic sampled comparison. */
  async tick(opts: { compareEveryMs: number; compareKeys: number }): Promise<void> {
    const r = this.replicator;
    if (!r || this.dead) return;
    const stats = r.stats();
    await this.guarded({ stats: JSON.stringify(stats), statsAt: new Date() });
    if (this.busy) return;
    const row = await db.replication.findUnique({ where: { id: this.row.id }, select: { request: true, response: true } });
    const request = readRequest(row?.request ?? null);
    if (request && readResponse(row?.response ?? null)?.id !== request.id) {
      this.busy = this.finalize(r, request).finally(() => (this.busy = null));
      return;
    }
    const live = stats.initialCopy.done && !stats.repairing && !stats.needsRepair;
    if (live && Date.now() - this.lastCompareAt >= opts.compareEveryMs) {
      this.lastCompareAt = Date.now();
      this.busy = this.compare(r, opts.compareKeys).finally(() => (this.busy = null));
    }
  }

  async stop(): Promise<void> {
    await this.replicator?.stop();
  }

  /** Cutover: drain the queue, then the final full verification with repair of what differs. */
  private async finalize(r: Replicator, request: TReplicationRequest): Promise<void> {
    const sourceWritesPerSec = r.stats().sourceWritesPerSec ?? null;
    let response;
    try {
      const drained = await r.drain(request.drainTimeoutMs);
      const repair = drained ? await r.repair() : null;
      response = { id: request.id, at: new Date().toISOString(), drained, sourceWritesPerSec: r.stats().sourceWritesPerSec ?? sourceWritesPerSec, repair };
    } catch (err) {
      response = { id: request.id, at: new Date().toISOString(), drained: false, sourceWritesPerSec, repair: null, error: err instanceof Error ? err.message : String(err) };
    }
    await this.guarded({ response: writeJson(response) });
  }

  private async compare(r: Replicator, n: number): Promise<void> {
    try {
      const c = await r.sampleCompare(n);
      const at = new Date().toISOString();
      await this.guarded({ lastCompare: writeJson({ at, ...c }) });
      if (c.differences > 0) await this.event("replication.compare_differs", `${this.label()}: ${c.differences} of ${c.compared} random keys differ (writes in flight, or missed events).`, "warn");
    } catch (err) {
      await this.event("replication.error", `${this.label()}: sampled comparison failed: ${err instanceof Error ? err.message : String(err)}`, "warn");
    }
  }

  private async saveCheckpoint(cp: TReplicationCheckpoint): Promise<void> {
    if (this.dead) return;
    await this.guarded({ checkpoint: writeJson(cp) });
  }

  private async saveEvent(e: TReplicationEvent): Promise<void> {
    if (this.dead) return;
    const level = e.kind === "error" ? "error" : WARN_KINDS.has(e.kind) ? "warn" : "info";
    await this.event(`replication.${e.kind}`, this.row.direction === "reverse" ? `Reverse: ${e.message}` : e.message, level, e.detail).catch(() => {});
  }

  private async guarded(data: Record<string, unknown>): Promise<void> {
    if (this.dead) return;
    await db.replication.updateMany({ where: { id: this.row.id, leaseOwner: this.owner }, data });
  }

  private async event(type: string, message: string, level: "info" | "warn" | "error", detail?: Record<string, unknown>): Promise<void> {
    await recordEvent({ type, message, level, migrationId: this.row.migrationId, data: { ...detail, direction: this.row.direction, runner: this.owner } });
  }
}
