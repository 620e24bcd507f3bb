import "server-only";
import os from "node:os";
import { randomUUID } from "node:crypto";
import { db } from "../../db";
import { recordEvent } from "../../events/record-event";
import { HeldReplication } from "./held-replication";
import { claimReplication, findClaimableReplications, releaseReplication } from "./replication-lease";
import { readReplicateOptions } from "../../migrations/migration-record";
import { logger } from "../../logger";

/** How often the loop claims, renews, stores stats (the monitor's 1 Hz samples read them). */
export const REPLICATION_TICK_MS = 1_000;
/** How often a live replicator compares random keys; the gate wants one clean within the last minute. */
export const COMPARE_EVERY_MS = 20_000;

export type TReplicationLoopOptions = { ownerId?: string; leaseMs?: number; tickMs?: number; compareEveryMs?: number; log?: (m: string) => void };
export type TReplicationLoop = {
  ownerId: string;
  stop(): Promise<void>;
  /** Tests: as kill -9 would, stops writing at once and keeps the leases (they expire). */
  kill(): Promise<void>;
};

/**
 * Runs every running Replication row that this process holds the lease of: exactly one live
 * replicator per row across web and worker processes. Started beside the runner and the sampler.
 */
export function startReplicationLoop(opts: TReplicationLoopOptions = {}): TReplicationLoop {
  const owner = opts.ownerId ?? `${os.hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`;
  const leaseMs = opts.leaseMs ?? 15_000;
  const tickMs = opts.tickMs ?? REPLICATION_TICK_MS;
  const compareEveryMs = opts.compareEveryMs ?? COMPARE_EVERY_MS;
  const log = opts.log ?? ((m: string) => logger().info({ replicator: owner }, m));
  const held = new Map<string, HeldReplication>();
  const failures = new Map<string, { count: number; until: number; message: string }>();
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();

  async function letGo(id: string, release: boolean): Promise<void> {
    const h = held.get(id);
    held.delete(id);
    await h?.stop().catch(() => {});
    if (release) await releaseReplication(id, owner).catch(() => {});
  }

  async function endExpiredWindows(): Promise<void> {
    const now = new Date();
    const ended = await db.replication.findMany({ where: { status: "running", until: { lt: now } }, select: { id: true, migrationId: true } });
    for (const r of ended) {
      const { count } = await db.replication.updateMany({ where: { id: r.id, status: "running" }, data: { status: "stopped", stoppedAt: now, stopReason: "window ended" } });
      if (count) await recordEvent({ type: "replication.reverse_stopped", migrationId: r.migrationId, message: "Reverse replication stopped: the window the operator chose has ended." });
    }
  }

  async function tick(): Promise<void> {
    await endExpiredWindows();
    if (held.size) {
      const rows = await db.replication.findMany({ where: { id: { in: [...held.keys()] } }, select: { id: true, status: true } });
      for (const id of [...held.keys()]) if (rows.find((r) => r.id === id)?.status !== "running") await letGo(id, true);
    }
    for (const id of await findClaimableReplications(owner)) {
      if (stopped) return;
      if (!(await claimReplication(id, owner, leaseMs))) {
        if (held.has(id)) await letGo(id, false);
        continue;
      }
      let h = held.get(id);
      if (!h) {
        if ((failures.get(id)?.until ?? 0) > Date.now()) continue;
        const row = await db.replication.findUnique({ where: { id }, include: { migration: { include: { source: true, target: true } } } });
        if (!row) continue;
        try {
          held.set(id, (h = await HeldReplication.start(row, owner)));
          failures.delete(id);
        } catch (err) {
          const message = err instanceof Error ? err.message : String(err);
          const count = (failures.get(id)?.count ?? 0) + 1;
          // Back off (5 ticks, doubling, at most 5 min); the timeline gets one line per new reason, not one per attempt.
          const waitMs = Math.min(5 * tickMs * 2 ** (count - 1), 300_000);
          const repeated = failures.get(id)?.message === message;
          failures.set(id, { count, until: Date.now() + waitMs, message });
          log(`could not start ${id}: ${message}`);
          if (!repeated) await recordEvent({ type: "replication.error", level: "error", migrationId: row.migrationId, message: `Replication could not start: ${message} Ferry keeps retrying.` });
          continue;
        }
      }
      const m = await db.migration.findUnique({ where: { id: h.row.migrationId }, select: { options: true } });
      await h.tick({ compareEveryMs, compareKeys: readReplicateOptions(m?.options ?? null).compareKeys });
    }
  }

  function schedule(): void {
    if (stopped) return;
    timer = setTimeout(() => {
      running = tick()
        .catch((err) => log(`tick failed: ${err instanceof Error ? err.stack : String(err)}`))
        .finally(schedule);
    }, tickMs);
  }
  schedule();

  return {
    ownerId: owner,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
      for (const id of [...held.keys()]) await letGo(id, true);
    },
    async kill() {
      stopped = true;
      clearTimeout(timer);
      for (const h of held.values()) h.dead = true;
      await running.catch(() => {});
      await Promise.all([...held.values()].map((h) => h.stop().catch(() => {})));
      held.clear();
    },
  };
}
