import { z } from "zod";
import { ZReplicationCheckpoint, ZReplicationOptions, type TReplicationCheckpoint, type TReplicationOptions, type TReplicationStats } from "../replicate/types";

/**
 * The one place that reads and writes the JSON columns of Replication rows and Sample.repl.
 * Kept apart so it can move in one piece into lib/migrations/migration-record.ts. Below both lib/flows
 * (which writes them) and lib/monitor (which samples them and gates on them).
 */

/** One source primary's replicator (cluster source); the monitor stores these in Sample.shards. */
export const ZShardStats = z.object({
  slots: z.string().max(2_000),
  primary: z.string().max(300),
  subscribed: z.boolean(),
  keysCopied: z.number(),
  appliedTotal: z.number(),
  pendingKeys: z.number(),
  oldestPendingAgeMs: z.number(),
  reconnects: z.number(),
  follows: z.number(),
  repairs: z.number(),
  repairing: z.boolean(),
});

/** How many differences of each kind a repair pass found (the verification engine's statuses). */
export const ZDifferenceKinds = z.object({ MISSING: z.number(), TYPE: z.number(), VALUE: z.number(), TTL: z.number(), EXTRA: z.number() }).partial();
export type TDifferenceKinds = z.infer<typeof ZDifferenceKinds>;
const ZRepairCounts = { differences: z.number(), fixed: z.number(), byKind: ZDifferenceKinds.optional() };

const ZStats = z.object({
  initialCopy: z.object({
    keysCopied: z.number(), bytesCopied: z.number(), sourceKeys: z.number(), keysPerSec: z.number(), etaSec: z.number().nullable(), done: z.boolean(),
  }),
  live: z.object({ pendingKeys: z.number(), oldestPendingAgeMs: z.number(), appliedPerSec: z.number(), appliedTotal: z.number() }),
  reconnects: z.number(),
  repairs: z.number(),
  repairing: z.boolean(),
  needsRepair: z.boolean().default(false),
  lastRepair: z.object({ at: z.string(), ...ZRepairCounts }).optional(),
  copyMode: z.enum(["restore", "type-level"]),
  sourceWritesPerSec: z.number().optional(),
  subscribed: z.boolean().optional(),
  shards: z.array(ZShardStats).max(1_000).optional(),
});

export const ZSampleCompare = z.object({ at: z.string(), compared: z.number(), differences: z.number() });
export type TSampleCompare = z.infer<typeof ZSampleCompare>;

/** A flow step's request to whichever process runs the replicator (it may be another process). */
export const ZReplicationRequest = z.object({ kind: z.literal("finalize"), id: z.string(), at: z.string(), drainTimeoutMs: z.number() });
export type TReplicationRequest = z.infer<typeof ZReplicationRequest>;

export const ZReplicationResponse = z.object({
  id: z.string(),
  at: z.string(),
  drained: z.boolean(),
  /** Source writes/s seen while draining (commandstats deltas): clients not switched yet if > 0. */
  sourceWritesPerSec: z.number().nullable(),
  repair: z.object(ZRepairCounts).nullable(),
  error: z.string().optional(),
});
export type TReplicationResponse = z.infer<typeof ZReplicationResponse>;

/** What a sample stores: the stats plus which direction they describe. */
export const ZSampleRepl = ZStats.extend({ direction: z.enum(["forward", "reverse"]), lastCompare: ZSampleCompare.nullable().default(null) });
export type TSampleRepl = z.infer<typeof ZSampleRepl>;

function parse<T>(schema: z.ZodType<T>, json: string | null | undefined): T | null {
  if (!json) return null;
  try {
    const r = schema.safeParse(JSON.parse(json));
    return r.success ? r.data : null;
  } catch {
    return null;
  }
}

export const readCheckpoint = (json: string | null): TReplicationCheckpoint | null => parse(ZReplicationCheckpoint, json);
export const readReplicationOptions = (json: string): TReplicationOptions | null => parse(ZReplicationOptions, json);
export const readStats = (json: string | null): TReplicationStats | null => parse(ZStats, json);
export const readSampleCompare = (json: string | null): TSampleCompare | null => parse(ZSampleCompare, json);
export const readRequest = (json: string | null): TReplicationRequest | null => parse(ZReplicationRequest, json);
export const readResponse = (json: string | null): TReplicationResponse | null => parse(ZReplicationResponse, json);
export const readSampleRepl = (json: string | null): TSampleRepl | null => parse(ZSampleRepl, json);

export const writeJson = (value: TReplicationCheckpoint | TReplicationOptions | TReplicationStats | TSampleCompare | TReplicationRequest | TReplicationResponse | TSampleRepl): string =>
  JSON.stringify(value);
