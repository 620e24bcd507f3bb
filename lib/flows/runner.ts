import "server-only";
import os from "node:os";
import { randomUUID } from "node:crypto";
import { MigrationConnections } from "./connections";
import { claimLease, findClaimable, releaseLease } from "./lease";
import { runPass, type TPassSettings } from "./run-pass";
import { LeaseLost, RunnerCrash, type TRunnerHooks } from "./runner-hooks";
import type { TFlowOptions } from "./types";
import { db } from "../db";
import { logger } from "../logger";

export type TRunnerOptions = {
  /** Unique per process; default host-pid-random. Tests give two runners different ids. */
  ownerId?: string;
  /** Lease length; renewed on every tick while the migration is ours. Default 15 s. */
  leaseMs?: number;
  /** How often the loop looks for work. Default 500 ms. */
  tickMs?: number;
  flow?: Partial<TFlowOptions>;
  retry?: Partial<TPassSettings["retry"]>;
  hooks?: TRunnerHooks;
  log?: (message: string) => void;
};

export type TRunner = {
  ownerId: string;
  start(): void;
  /** Graceful stop: waits for passes in flight, then releases leases (unless told not to, as a kill would). */
  stop(opts?: { releaseLeases?: boolean }): Promise<void>;
  /** One round of claiming and passes; start() calls it on a timer, tests may call it directly. */
  tick(): Promise<void>;
  readonly crashed: boolean;
};

export const DEFAULT_FLOW_OPTIONS: TFlowOptions = {
  waitPollMs: 1_000,
  promotionTimeoutMs: 15 * 60_000,
  cutoverHoldMs: 15 * 60_000,
  verifyPickupMs: 30_000,
  verifyWaitMs: 60 * 60_000,
  watchHours: 24,
};

type Held = { conns: MigrationConnections; nextAt: number };

/** The durable runner: claims active migrations under a lease and runs their steps one pass at a time. */
export function createRunner(opts: TRunnerOptions = {}): TRunner {
  const ownerId = opts.ownerId ?? `${os.hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`;
  const leaseMs = opts.leaseMs ?? 15_000;
  const tickMs = opts.tickMs ?? 500;
  const settings: TPassSettings = {
    owner: ownerId,
    leaseMs,
    flow: { ...DEFAULT_FLOW_OPTIONS, ...opts.flow },
    retry: { baseMs: 1_000, capMs: 30_000, maxTransient: 8, ...opts.retry },
    hooks: opts.hooks,
  };
  const log = opts.log ?? ((m: string) => logger().info({ runner: ownerId }, m));
  const held = new Map<string, Held>();
  const inFlight = new Map<string, Promise<void>>();
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  let crashed = false;
  let ticking: Promise<void> | undefined;

  async function tick(): Promise<void> {
    if (stopped) return;
    const ids = await findClaimable(ownerId);
    for (const id of ids) {
      if (stopped) return;
      // Claiming also renews: a migration that waits between passes keeps its runner.
      if (!(await claimLease(id, ownerId, leaseMs))) continue;
      let h = held.get(id);
      if (!h) {
        const m = await db.migration.findUnique({ where: { id }, select: { sourceId: true, targetId: true } });
        if (!m) continue;
        held.set(id, (h = { conns: new MigrationConnections(m.sourceId, m.targetId), nextAt: 0 }));
      }
      if (inFlight.has(id) || Date.now() < h.nextAt) continue;
      inFlight.set(id, pass(id, h).finally(() => inFlight.delete(id)));
    }
  }

  async function pass(id: string, h: Held): Promise<void> {
    // A long call (CompleteMigration, a baseline of a big keyspace) must not outlive the lease.
    const renew = setInterval(() => void claimLease(id, ownerId, leaseMs).catch(() => {}), Math.max(200, leaseMs / 3));
    try {
      const r = await runPass(id, h.conns, settings);
      if ("release" in r) {
        h.conns.close();
        held.delete(id);
        await releaseLease(id, ownerId);
      } else {
        h.nextAt = Date.now() + r.nextInMs;
      }
    } catch (err) {
      if (err instanceof RunnerCrash) return halt();
      h.conns.reset();
      if (err instanceof LeaseLost) {
        held.delete(id);
        log(`lost the lease on ${id}; another runner has it`);
        return;
      }
      // Database trouble and the like: log, back off, try again; never kill the loop.
      log(`pass on ${id} failed: ${err instanceof Error ? err.stack : String(err)}`);
      h.nextAt = Date.now() + settings.retry.baseMs;
    } finally {
      clearInterval(renew);
    }
  }

  function halt(): void {
    crashed = true;
    stopped = true;
    if (timer) clearTimeout(timer);
    for (const h of held.values()) h.conns.close();
  }

  function schedule(): void {
    if (stopped) return;
    timer = setTimeout(() => {
      ticking = tick()
        .catch((err) => log(`tick failed: ${err instanceof Error ? err.message : String(err)}`))
        .finally(schedule);
    }, tickMs);
  }

  return {
    ownerId,
    get crashed() {
      return crashed;
    },
    tick,
    start() {
      stopped = false;
      schedule();
    },
    async stop({ releaseLeases = true } = {}) {
      stopped = true;
      if (timer) clearTimeout(timer);
      await ticking?.catch(() => {});
      await Promise.allSettled([...inFlight.values()]);
      for (const [id, h] of held) {
        h.conns.close();
        if (releaseLeases && !crashed) await releaseLease(id, ownerId).catch(() => {});
      }
      held.clear();
    },
  };
}
