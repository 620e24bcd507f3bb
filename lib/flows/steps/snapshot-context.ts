import "server-only";
import { db } from "../../db";
import { AppError } from "../../errors";
import { resourceTracker } from "../../snapshot/created-resources";
import { clientsForSide } from "../../snapshot/side-clients";
import { snapshotNamesFor } from "../../snapshot/snapshot-names";
import { readMigrationOptions, readStepDetail, snapshotOptionsOf, type TStepDetail } from "../../migrations/migration-record";
import { updateMigrationOptions } from "../../migrations/record/update-migration-options";
import type { TFlowContext, TMigrationRow } from "../types";

/** What every snapshot step needs: the operator's options, the derived names, clients per account. */
export function snapshotContext(ctx: TFlowContext) {
  const m = ctx.migration;
  const options = snapshotOptionsOf(readMigrationOptions(m.options));
  if (!options) {
    throw new AppError("INVALID_INPUT", "This snapshot migration has no snapshot options yet (import bucket at least): set them on the migration page, then Retry.");
  }
  const fromElastiCache = m.source.kind === "elasticache";
  if (fromElastiCache && !options.exportBucket) {
    throw new AppError("INVALID_INPUT", "An ElastiCache source exports its snapshot to a bucket of its own account first: set the export bucket in the snapshot options, then Retry.");
  }
  return {
    options,
    fromElastiCache,
    names: snapshotNamesFor(m.id, options.importPrefix),
    track: resourceTracker(m.id),
    sourceAws: () => clientsForSide(m, "source"),
    targetAws: () => clientsForSide(m, "target"),
    /** Same bucket for export and import (one account): nothing to copy or grant across accounts. */
    sameBucket: options.exportBucket === options.importBucket,
  };
}

export type TSnapshotContext = ReturnType<typeof snapshotContext>;

/** The detail another step of this migration saved (e.g. the export's object keys). */
export async function stepDetail(migrationId: string, name: string): Promise<TStepDetail> {
  const row = await db.migrationStep.findUnique({ where: { migrationId_name: { migrationId, name } }, select: { detail: true } });
  return readStepDetail(row?.detail);
}

/**
 * Records the snapshot moment in Migration.options (read by the report): writes after it are not
 * migrated. Merged into the freshest options so an operator's edit of other options is kept.
 */
export async function recordSnapshotMoment(m: TMigrationRow, moment: string, how: string): Promise<void> {
  const fresh = await db.migration.findUniqueOrThrow({ where: { id: m.id }, select: { options: true } });
  if (readMigrationOptions(fresh.options).snapshotMoment === moment) return;
  await updateMigrationOptions(m.id, { snapshotMoment: moment, snapshotMomentSource: how });
}
