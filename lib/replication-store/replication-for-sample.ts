import "server-only";
import { db } from "../db";
import { STATS_STALE_MS } from "./read-replication";
import { readSampleCompare, readStats, writeJson } from "./replication-json";

/**
 * What the 1 Hz sample stores of a replicate migration: the running replicator's latest stats
 * (reverse after cutover), or null when none runs or its process stopped reporting.
 */
export async function replicationForSample(migrationId: string, now = Date.now()): Promise<string | null> {
  const rows = await db.replication.findMany({ where: { migrationId, status: "running" }, select: { direction: true, stats: true, statsAt: true, lastCompare: true } });
  const row = rows.find((r) => r.direction === "reverse") ?? rows[0];
  if (!row?.statsAt || now - row.statsAt.getTime() > STATS_STALE_MS) return null;
  const stats = readStats(row.stats);
  if (!stats) return null;
  return writeJson({ ...stats, direction: row.direction === "reverse" ? "reverse" : "forward", lastCompare: readSampleCompare(row.lastCompare) });
}
