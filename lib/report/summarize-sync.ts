import "server-only";
import { db } from "@/lib/db";
import { rawSql } from "@/lib/db-dialect";
import { readFinalOffsets } from "@/lib/migrations/migration-record";
import { sqlTime } from "@/lib/monitor/sql-time";
import type { TReport } from "./report-schema";

type TMigrationTimes = { id: string; startedAt: Date | null; cutoverAt: Date | null; completedAt: Date | null; finalOffsets: string | null };

/** The sync timeline from the monitor's samples: when the initial sync ran, how far behind the target got, the cutover. */
export async function summarizeSync(m: TMigrationTimes): Promise<TReport["sync"]> {
  const [[{ n: samples }], firstSync] = await Promise.all([
    db.$queryRawUnsafe<{ n: number | bigint }[]>(rawSql(`SELECT COUNT(*) AS n FROM SampleAll WHERE migrationId = ?`), m.id),
    firstAt(m.id, "syncInProgress = TRUE", null),
  ]);
  const inSync = await firstAt(m.id, "linkUp = TRUE AND syncInProgress = FALSE", firstSync);
  const [maxLag, maxLagAfter] = await Promise.all([maxLagBytes(m.id, null, m.cutoverAt), inSync ? maxLagBytes(m.id, inSync, m.cutoverAt) : null]);
  const syncStart = m.startedAt ?? firstSync ?? null;
  return {
    startedAt: iso(m.startedAt),
    initialSyncStartedAt: iso(firstSync),
    inSyncAt: iso(inSync),
    initialSyncSeconds: syncStart && inSync ? Math.max(0, (inSync.getTime() - syncStart.getTime()) / 1000) : null,
    maxLagBytes: maxLag,
    maxLagBytesAfterSync: maxLagAfter,
    cutoverAt: iso(m.cutoverAt),
    finalOffsets: readFinalOffsets(m.finalOffsets),
    completedAt: iso(m.completedAt),
    samples: Number(samples),
  };
}

// Samples are read through the view SampleAll (lib/monitor/sample-reads.ts says why), in raw SQL.
async function firstAt(migrationId: string, condition: "syncInProgress = TRUE" | "linkUp = TRUE AND syncInProgress = FALSE", after: Date | null): Promise<Date | null> {
  const [row] = await db.$queryRawUnsafe<{ at: Date | string }[]>(
    rawSql(`SELECT at FROM SampleAll WHERE migrationId = ? AND ${condition} ${after ? "AND at > ?" : ""} ORDER BY at ASC LIMIT 1`),
    migrationId, ...(after ? [sqlTime(after)] : []),
  );
  return row ? new Date(row.at) : null;
}

async function maxLagBytes(migrationId: string, from: Date | null, until: Date | null): Promise<number | null> {
  const [row] = await db.$queryRawUnsafe<{ v: number | null }[]>(
    rawSql(`SELECT MAX(lagBytes) AS v FROM SampleAll WHERE migrationId = ? ${from ? "AND at >= ?" : ""} ${until ? "AND at <= ?" : ""}`),
    migrationId, ...(from ? [sqlTime(from)] : []), ...(until ? [sqlTime(until)] : []),
  );
  return row?.v ?? null;
}

function iso(d: Date | null | undefined): string | null {
  return d ? d.toISOString() : null;
}
