import "server-only";
import { db } from "../db";

export async function listMigrations() {
  const rows = await db.migration.findMany({
    orderBy: { createdAt: "desc" },
    select: {
      id: true, name: true, strategy: true, state: true, createdAt: true,
      source: { select: { name: true } }, target: { select: { name: true } },
    },
  });
  return rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString(), source: r.source.name, target: r.target.name }));
}
