/**
 * The one typed home of what a migration records in JSON columns: Migration.options, .lastError,
 * .finalOffsets and each MigrationStep.detail. Nothing else parses or serializes these columns.
 */
export { ZMigrationOptions, readMigrationOptions, mergeMigrationOptions, writeMigrationOptions, gateOptionsOf, snapshotOptionsOf, writeFreezeOf, snapshotMomentOf, watchHoursOf } from "./record/migration-options";
export type { TMigrationOptions, TMigrationOptionsPatch } from "./record/migration-options";
export { readReplicateOptions, withReplicateOptions, readServerlessOptions, withServerlessOptions } from "./record/strategy-options";
export { ZLastError, readLastError, writeLastError, type TLastError } from "./record/last-error";
export { ZFinalOffsets, readFinalOffsets, writeFinalOffsets, type TFinalOffsets } from "./record/final-offsets";
export { ZStepDetail, readStepDetail, writeStepDetail, type TStepDetail } from "./record/step-detail";
