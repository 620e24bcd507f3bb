import "server-only";
import { db } from "@/lib/db";
import { readFinalOffsets } from "@/lib/migrations/migration-record";
import type { TReport } from "./report-schema";

type TMigrationTimes = { id: string; startedAt: Date | null; cutoverAt: Date | null; completedAt: Date | null; finalOffsets: string | null };

/** The sync timeline from the monitor's samples: when the initial sync ran, how far behind the target got, the cutover. */
export async function summarizeSync(m: TMigrationTimes): Promise<TReport["sync"]> {
  const where = { migrationId: m.id };
  const [samples, firstSync] = await Promise.all([
    db.sample.count({ where }),
    db.sample.findFirst({ where: { ...where, syncInProgress: true }, orderBy: { at: "asc" }, select: { at: true } }),
  ]);
  const inSync = await db.sample.findFirst({
    where: { ...where, linkUp: true, syncInProgress: false, ...(firstSync ? { at: { gt: firstSync.at } } : {}) },
    orderBy: { at: "asc" },
    select: { at: true },
  });
  const until = m.cutoverAt ? { lte: m.cutoverAt } : {};
  const [maxLag, maxLagAfter] = await Promise.all([
    db.sample.aggregate({ where: { ...where, at: until }, _max: { lagBytes: true } }),
    inSync ? db.sample.aggregate({ where: { ...where, at: { gte: inSync.at, ...until } }, _max: { lagBytes: true } }) : null,
  ]);
  const syncStart = m.startedAt ?? firstSync?.at ?? null;
  return {
    startedAt: iso(m.startedAt),
    initialSyncStartedAt: iso(firstSync?.at),
    inSyncAt: iso(inSync?.at),
    initialSyncSeconds: syncStart && inSync ? Math.max(0, (inSync.at.getTime() - syncStart.getTime()) / 1000) : null,
    maxLagBytes: maxLag._max.lagBytes ?? null,
    maxLagBytesAfterSync: maxLagAfter?._max.lagBytes ?? null,
    cutoverAt: iso(m.cutoverAt),
    finalOffsets: readFinalOffsets(m.finalOffsets),
    completedAt: iso(m.completedAt),
    samples,
  };
}

function iso(d: Date | null | undefined): string | null {
  return d ? d.toISOString() : null;
}
