import { z } from "zod";
import { ZFinalOffsets } from "./final-offsets";
import { ZLastError } from "./last-error";
import { readJsonColumn } from "./read-json-column";
import { ZDifferenceKinds } from "../../replication-store/replication-json";

/**
 * MigrationStep.detail: what a step read from the world and did. The fields the runner and the
 * report read are typed here; each step's own facts (AWS request ids, object keys...) pass through.
 */
export const ZStepDetail = z.looseObject({
  /** What the step last said (e.g. "Initial sync 42%"). */
  note: z.string().optional(),
  error: ZLastError.optional(),
  previousError: ZLastError.optional(),
  transientFailures: z.number().optional(),
  lastTransient: z.looseObject({ code: z.string(), message: z.string(), at: z.string() }).optional(),
  /** The gate closed between the operator's click and the call. */
  refused: z.looseObject({ reason: z.string(), at: z.string() }).optional(),
  /** The operator's Retry: consent to re-send a call whose effect never showed. */
  retriedAt: z.string().optional(),
  /** Write-ahead copy of the offsets read before a promotion call. */
  finalOffsets: ZFinalOffsets.nullable().optional(),
  /** The verification run the verify step queued or adopted, which the report shows. */
  verificationRunId: z.string().nullable().optional(),
  /** Replicate's drain-verify: what the final verification found, by kind (absent before kinds were counted), and repaired. */
  differences: z.number().optional(),
  fixed: z.number().optional(),
  byKind: ZDifferenceKinds.optional(),
});
export type TStepDetail = z.output<typeof ZStepDetail>;

export function readStepDetail(raw: string | null | undefined): TStepDetail {
  return readJsonColumn(raw, ZStepDetail, "MigrationStep.detail") ?? {};
}

/** Not re-validated: the runner writes what its steps returned, typed at compile time. */
export function writeStepDetail(detail: TStepDetail | Record<string, unknown>): string {
  return JSON.stringify(detail);
}
