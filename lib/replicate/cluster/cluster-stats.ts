import type { TReplicationStats } from "../types";

const sum = (all: TReplicationStats[], f: (s: TReplicationStats) => number) => all.reduce((k, s) => k + f(s), 0);

/** One cluster replicator's stats from its shards' (counters of shards retired by a failover are kept in `retired`). */
export function mergeShardStats(all: TReplicationStats[], retired: { reconnects: number; repairs: number; applied: number }): TReplicationStats {
  const etas = all.map((s) => s.initialCopy.etaSec);
  const repairs = all.map((s) => s.lastRepair).filter((r) => r !== undefined).sort((a, b) => a.at.localeCompare(b.at));
  const writes = all.map((s) => s.sourceWritesPerSec).filter((w) => w !== undefined);
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
  };
}
