import "server-only";
import { db } from "../db";
import { toEndpointView, type TEndpointView } from "./endpoint-view";

/** Endpoints with their last successful use: a completed migration proves the connection worked. */
export async function listEndpoints(): Promise<TEndpointView[]> {
  const rows = await db.endpoint.findMany({ orderBy: { name: "asc" } });
  const used = await db.migration.findMany({
    where: { state: "completed", completedAt: { not: null } },
    orderBy: { completedAt: "desc" },
    select: { name: true, completedAt: true, sourceId: true, targetId: true },
  });
  return rows.map((row) => {
    const m = used.find((u) => u.sourceId === row.id || u.targetId === row.id);
    return { ...toEndpointView(row), lastUsed: m ? { migration: m.name, at: m.completedAt!.toISOString() } : null };
  });
}
