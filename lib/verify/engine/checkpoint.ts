import { z } from "zod";
import type { KeyMismatch, KeyStatus } from "./key-status";

const ZStatus = z.enum(["MISSING", "TYPE", "VALUE", "TTL", "EXTRA"]);

/** A difference as stored in a checkpoint: keys are base64 so binary keys survive JSON. */
const ZStoredMismatch = z.object({
  db: z.number().int().min(0),
  key: z.string(),
  status: ZStatus,
  detail: z.string(),
  /** Found by the reverse pass (not one of the source keys counted in keysCompared). */
  fromReverse: z.boolean(),
});

/**
 * Everything a runner step needs to continue a verification after a restart: where the scan
 * was (db + SCAN cursor, after which every earlier key is accounted for), the differences
 * waiting for a re-check, and the final results already handed to onMismatch.
 */
export const ZVerifyCheckpoint = z.object({
  version: z.literal(1),
  mode: z.enum(["full", "length", "outline"]),
  dbs: z.array(z.number().int().min(0)),
  round: z.number().int().min(1),
  phase: z.enum(["scan", "reverse", "recheck"]),
  dbIndex: z.number().int().min(0),
  cursor: z.string().regex(/^\d+$/),
  pending: z.array(ZStoredMismatch),
  final: z.object({
    totals: z.record(z.string(), z.number().int().min(0)),
    retained: z.array(ZStoredMismatch),
    count: z.number().int().min(0),
    fromScan: z.number().int().min(0),
    notRechecked: z.number().int().min(0),
  }),
  keysCompared: z.number().int().min(0),
  extraKeysScanned: z.number().int().min(0),
  elapsedMs: z.number().min(0),
  /** Forward-scan time so far; absent in checkpoints written before it was recorded. */
  scanMs: z.number().min(0).optional(),
});

export type VerifyCheckpoint = z.infer<typeof ZVerifyCheckpoint>;
export type StoredMismatch = z.infer<typeof ZStoredMismatch>;

export function storeMismatch(m: KeyMismatch, fromReverse: boolean): StoredMismatch {
  return { db: m.db, key: m.key.toString("base64"), status: m.status, detail: m.detail, fromReverse };
}

export function emptyTotals(): Record<KeyStatus, number> {
  return { OK: 0, MISSING: 0, TYPE: 0, VALUE: 0, TTL: 0, EXTRA: 0 };
}
