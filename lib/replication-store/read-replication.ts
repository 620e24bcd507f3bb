import "server-only";
import { db } from "../db";
import type { TReplicationStats } from "../replicate/types";
import { readResponse, readSampleCompare, readStats, type TReplicationResponse, type TSampleCompare } from "./replication-json";

export type TReplicationState = {
  id: string;
  direction: "forward" | "reverse";
  status: string;
  startedAt: string;
  until: string | null;
  stoppedAt: string | null;
  stoppedBy: string | null;
  stopReason: string | null;
  /** Null when no process has reported within staleMs (none runs it, or it died). */
  stats: TReplicationStats | null;
  statsAt: string | null;
  lastCompare: TSampleCompare | null;
  response: TReplicationResponse | null;
};

/** Stats older than this mean no process is running the replicator right now. */
export const STATS_STALE_MS = 5_000;

/** The replications of a migration as steps, the gate and the monitor read them. */
export async function readReplications(migrationId: string): Promise<TReplicationState[]> {
  const rows = await db.replication.findMany({ where: { migrationId }, orderBy: { startedAt: "asc" } });
  const now = Date.now();
  return rows.map((r) => ({
    id: r.id,
    direction: r.direction === "reverse" ? "reverse" : "forward",
    status: r.status,
    startedAt: r.startedAt.toISOString(),
    until: r.until?.toISOString() ?? null,
    stoppedAt: r.stoppedAt?.toISOString() ?? null,
    stoppedBy: r.stoppedBy,
    stopReason: r.stopReason,
    stats: r.statsAt && now - r.statsAt.getTime() <= STATS_STALE_MS ? readStats(r.stats) : null,
    statsAt: r.statsAt?.toISOString() ?? null,
    lastCompare: readSampleCompare(r.lastCompare),
    response: readResponse(r.response),
  }));
}

export async function readReplication(migrationId: string, direction: "forward" | "reverse"): Promise<TReplicationState | null> {
  return (await readReplications(migrationId)).find((r) => r.direction === direction) ?? null;
}
