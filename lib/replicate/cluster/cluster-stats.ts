import type { TReplicationShardStats, TReplicationStats } from "../types";

const sum = (all: TReplicationStats[], f: (s: TReplicationStats) => number) => all.reduce((k, s) => k + f(s), 0);

/** What a shard's retired replicators counted (each failover retires one), and how often it followed a new primary. */
export type TShardHistory = { follows: number; reconnects: number; repairs: number; applied: number };
export const NO_HISTORY: TShardHistory = { follows: 0, reconnects: 0, repairs: 0, applied: 0 };

/**
 * One cluster replicator's stats from its shards' (counters of replicators retired by a failover
 * are kept per shard in `history`), with each shard's own row beside them for the monitor.
 */
export function mergeShardStats(live: { slots: string; primary: string; stats: TReplicationStats }[], history: ReadonlyMap<string, TShardHistory>): TReplicationStats {
  const all = live.map((x) => x.stats);
  const retired = [...history.values()].reduce((t, h) => ({ reconnects: t.reconnects + h.reconnects, repairs: t.repairs + h.repairs, applied: t.applied + h.applied }), { reconnects: 0, repairs: 0, applied: 0 });
  const etas = all.map((s) => s.initialCopy.etaSec);
  const repairs = all.map((s) => s.lastRepair).filter((r) => r !== undefined).sort((a, b) => a.at.localeCompare(b.at));
  const writes = all.map((s) => s.sourceWritesPerSec).filter((w) => w !== undefined);
  // In slot order: a shard restarted on a new primary keeps its place in the monitor's table.
  const bySlot = [...live].sort((a, b) => parseInt(a.slots, 10) - parseInt(b.slots, 10));
  const shards = bySlot.map(({ slots, primary, stats: s }): TReplicationShardStats => {
    const h = history.get(slots) ?? NO_HISTORY;
    return {
      slots, primary, subscribed: s.subscribed ?? false, keysCopied: s.initialCopy.keysCopied, appliedTotal: h.applied + s.live.appliedTotal,
      pendingKeys: s.live.pendingKeys, oldestPendingAgeMs: s.live.oldestPendingAgeMs, reconnects: h.reconnects + s.reconnects, follows: h.follows, repairs: h.repairs + s.repairs, repairing: s.repairing,
    };
  });
  return {
    initialCopy: {
      keysCopied: sum(all, (s) => s.initialCopy.keysCopied),
      bytesCopied: sum(all, (s) => s.initialCopy.bytesCopied),
      sourceKeys: sum(all, (s) => s.initialCopy.sourceKeys),
      keysPerSec: sum(all, (s) => s.initialCopy.keysPerSec),
      etaSec: etas.some((e) => e === null) ? null : Math.max(0, ...(etas as number[])),
      done: all.every((s) => s.initialCopy.done),
    },
    live: {
      pendingKeys: sum(all, (s) => s.live.pendingKeys),
      oldestPendingAgeMs: Math.max(0, ...all.map((s) => s.live.oldestPendingAgeMs)),
      appliedPerSec: sum(all, (s) => s.live.appliedPerSec),
      appliedTotal: retired.applied + sum(all, (s) => s.live.appliedTotal),
    },
    reconnects: retired.reconnects + sum(all, (s) => s.reconnects),
    repairs: retired.repairs + sum(all, (s) => s.repairs),
    repairing: all.some((s) => s.repairing),
    needsRepair: all.some((s) => s.needsRepair),
    lastRepair: repairs.at(-1),
    copyMode: all.some((s) => s.copyMode === "type-level") ? "type-level" : "restore",
    sourceWritesPerSec: writes.length ? writes.reduce((a, b) => a + b, 0) : undefined,
    subscribed: all.length > 0 && all.every((s) => s.subscribed ?? false),
    shards,
  };
}
