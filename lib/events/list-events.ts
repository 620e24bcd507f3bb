import "server-only";
import { db } from "../db";

export type TEventRow = {
  id: string;
  at: string;
  type: string;
  level: string;
  message: string;
  actorEmail: string | null;
  migrationId: string | null;
};

/** Newest first; the audit page and (later) the monitor timeline read through this. */
export async function listEvents(opts: { migrationId?: string; limit?: number } = {}): Promise<TEventRow[]> {
  const rows = await db.event.findMany({
    where: opts.migrationId ? { migrationId: opts.migrationId } : undefined,
    orderBy: { at: "desc" },
    take: Math.min(opts.limit ?? 100, 1000),
    select: { id: true, at: true, type: true, level: true, message: true, actorEmail: true, migrationId: true },
  });
  return rows.map((r) => ({ ...r, at: r.at.toISOString() }));
}
