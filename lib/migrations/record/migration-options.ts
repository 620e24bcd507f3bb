import { z } from "zod";
import { ZGateOptions, type TGateOptions } from "../../monitor/gate-options";
import { ZSnapshotOptions, type TSnapshotOptions, type TWriteFreeze } from "../../snapshot/snapshot-options";
import { ZReplicateOptions } from "../../replication-store/replicate-options";
import { ZServerlessOptions } from "../../serverless/serverless-options";
import { readJsonColumn, writeJsonColumn } from "./read-json-column";

const COLUMN = "Migration.options";

/**
 * Everything Migration.options may hold, one optional part per line: a strategy that needs its
 * own options (batch 2: `replicate`, `serverless`) adds one line here with its schema.
 * Unknown keys are kept (a newer Ferry's parts survive a merge by this one).
 */
const ZOptionParts = z.looseObject({
  /** How strict the cutover gate is; absent fields take the gate's defaults. */
  gate: ZGateOptions.partial().optional(),
  /** The operator's snapshot options (buckets, target shape, grants, write freeze). */
  snapshot: ZSnapshotOptions.optional(),
  /** Recorded by the snapshot step: writes to the source after this moment are not in the target. */
  snapshotMoment: z.string().max(64).optional(),
  /** How the moment was established (e.g. "CreateSnapshot start", "RDB fork"). */
  snapshotMomentSource: z.string().max(2000).optional(),
  /** Post-cutover watch of the target, overriding the runner's default. */
  watchHours: z.number().positive().max(24 * 365).optional(),
  /** Key-level replication (replicate strategy): copy mode, big keys, gate, reverse window. */
  replicate: ZReplicateOptions.optional(),
  /** Online migration into ElastiCache Serverless: secret ARN, TLS mode, cutover mode. */
  serverless: ZServerlessOptions.optional(),
});

export const ZMigrationOptions = z.preprocess(legacyGateLag, ZOptionParts);
export type TMigrationOptions = z.output<typeof ZOptionParts>;
export type TMigrationOptionsPatch = Partial<z.input<typeof ZOptionParts>>;

// The runner's first gate read a top-level `cutoverMaxLagBytes`; it still counts where gate.maxLagBytes is absent.
function legacyGateLag(raw: unknown): unknown {
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) return raw;
  const { cutoverMaxLagBytes, ...rest } = raw as Record<string, unknown>;
  if (typeof cutoverMaxLagBytes !== "number") return raw;
  const gate = rest.gate && typeof rest.gate === "object" ? (rest.gate as Record<string, unknown>) : {};
  return { ...rest, gate: { maxLagBytes: cutoverMaxLagBytes, ...gate } };
}

/** The options column, validated; `{}` when nothing was set. Throws RECORD_INVALID on a bad row. */
export function readMigrationOptions(raw: string | null | undefined): TMigrationOptions {
  return readJsonColumn(raw, ZMigrationOptions, COLUMN) ?? {};
}

/**
 * The column after setting some parts: the stored row (validated, unknown keys kept) with the
 * patch's parts replaced. The patch is validated and stored as given, so defaults stay defaults.
 */
export function mergeMigrationOptions(raw: string | null | undefined, patch: TMigrationOptionsPatch): string {
  readMigrationOptions(raw);
  const current = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
  const next = { ...current, ...patch };
  writeJsonColumn(next, ZMigrationOptions, COLUMN);
  return JSON.stringify(next);
}

/** A new options column from parts (e.g. test fixtures, a migration created with options). */
export function writeMigrationOptions(options: TMigrationOptionsPatch): string {
  return mergeMigrationOptions(null, options);
}

export function gateOptionsOf(options: TMigrationOptions): TGateOptions {
  return ZGateOptions.parse(options.gate ?? {});
}

export function snapshotOptionsOf(options: TMigrationOptions): TSnapshotOptions | null {
  return options.snapshot ?? null;
}

export function writeFreezeOf(options: TMigrationOptions): TWriteFreeze | null {
  return options.snapshot?.writeFreeze ?? null;
}

export function snapshotMomentOf(options: TMigrationOptions): { at: string; source: string | null } | null {
  return options.snapshotMoment ? { at: options.snapshotMoment, source: options.snapshotMomentSource ?? null } : null;
}

/** The migration's own watch hours, else the runner's default. */
export function watchHoursOf(options: TMigrationOptions, fallback: number): number {
  return options.watchHours ?? fallback;
}
