import "server-only";
import { db } from "../db";
import { AppError } from "../errors";
import type { Baseline } from "../redis/baseline";

export type TBaselineRow = { id: string; endpointId: string; endpointName: string; label: string; capturedAt: string; capturedBy: string | null; migrationId: string | null; baseline: Baseline };

export async function listBaselines(opts: { migrationId?: string; endpointId?: string; limit?: number } = {}): Promise<TBaselineRow[]> {
  const rows = await db.baseline.findMany({
    where: { migrationId: opts.migrationId, endpointId: opts.endpointId },
    orderBy: { capturedAt: "desc" },
    take: opts.limit ?? 50,
    include: { endpoint: { select: { name: true } } },
  });
  return rows.map(toRow);
}

export async function getBaseline(id: string): Promise<TBaselineRow> {
  const row = await db.baseline.findUnique({ where: { id }, include: { endpoint: { select: { name: true } } } });
  if (!row) throw new AppError("NOT_FOUND", "That baseline does not exist.");
  return toRow(row);
}

function toRow(r: { id: string; endpointId: string; label: string; capturedAt: Date; capturedBy: string | null; migrationId: string | null; data: string; endpoint: { name: string } }): TBaselineRow {
  return {
    id: r.id, endpointId: r.endpointId, endpointName: r.endpoint.name, label: r.label,
    capturedAt: r.capturedAt.toISOString(), capturedBy: r.capturedBy, migrationId: r.migrationId,
    baseline: JSON.parse(r.data) as Baseline,
  };
}
