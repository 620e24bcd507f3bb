import { ZReplicateOptions, type TReplicateOptions } from "../../replication-store/replicate-options";
import { DEFAULT_SERVERLESS_OPTIONS, type TServerlessOptions } from "../../serverless/serverless-options";
import { mergeMigrationOptions, readMigrationOptions } from "./migration-options";

/** The replicate part of Migration.options, defaults where none were saved. */
export function readReplicateOptions(raw: string | null | undefined): TReplicateOptions {
  return readMigrationOptions(raw).replicate ?? ZReplicateOptions.parse({});
}

/** Migration.options with the replicate part replaced, the rest kept. */
export function withReplicateOptions(raw: string | null | undefined, o: TReplicateOptions): string {
  return mergeMigrationOptions(raw, { replicate: o });
}

/** The serverless part of Migration.options, defaults where none were saved. */
export function readServerlessOptions(raw: string | null | undefined): TServerlessOptions {
  return readMigrationOptions(raw).serverless ?? DEFAULT_SERVERLESS_OPTIONS;
}

/** Migration.options with the serverless part replaced, the rest (gate, watch hours) kept. */
export function withServerlessOptions(raw: string | null | undefined, o: TServerlessOptions): string {
  return mergeMigrationOptions(raw, { serverless: o });
}
