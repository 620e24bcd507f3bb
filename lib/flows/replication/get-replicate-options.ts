import "server-only";
import { db } from "../../db";
import { readReplicateOptions } from "../../migrations/migration-record";
import type { TReplicateOptions } from "../../replication-store/replicate-options";

/** A replicate migration's options for the options form (defaults where none were saved). */
export async function getReplicateOptions(migrationId: string): Promise<TReplicateOptions> {
  const m = await db.migration.findUnique({ where: { id: migrationId }, select: { options: true } });
  return readReplicateOptions(m?.options ?? null);
}
