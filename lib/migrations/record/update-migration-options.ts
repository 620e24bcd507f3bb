import "server-only";
import { db } from "../../db";
import { AppError } from "../../errors";
import { mergeMigrationOptions, readMigrationOptions, type TMigrationOptions, type TMigrationOptionsPatch } from "./migration-options";

/**
 * Sets some parts of a migration's options, merged into the freshest row so that another
 * writer's parts (an operator's edit, the runner's snapshot moment) are kept.
 */
export async function updateMigrationOptions(migrationId: string, patch: TMigrationOptionsPatch): Promise<TMigrationOptions> {
  const row = await db.migration.findUnique({ where: { id: migrationId }, select: { options: true } });
  if (!row) throw new AppError("NOT_FOUND", "That migration does not exist.");
  const options = mergeMigrationOptions(row.options, patch);
  await db.migration.update({ where: { id: migrationId }, data: { options } });
  return readMigrationOptions(options);
}
