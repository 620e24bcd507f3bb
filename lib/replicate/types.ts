import { z } from "zod";
import type { TRedisEndpoint } from "../redis/endpoint";
import type { LeanLink } from "./lean-link";
import type { VerifyLink } from "./verify-bridge";
import type { MismatchStatus } from "../verify/engine/key-status";

/**
 * The contract between the replication engine (lib/replicate) and whoever runs it (lib/flows).
 * Everything here is plain data: the checkpoint is persisted as JSON after every batch (saves asked
 * for while one is still running merge into the next), stats and events go to the monitor as they are.
 */

/** One end of a replication. `label` is for messages and events ("source 10.0.0.5:6379"); never a secret. */
export type TReplicationEnd = { redis: TRedisEndpoint; label: string };

export const ZReplicationPhase = z.enum(["initial-copy", "live"]);
export type TReplicationPhase = z.infer<typeof ZReplicationPhase>;

/**
 * Where a replicator stands, enough to resume it after a crash. Resuming restarts each db's SCAN at
 * `cursor` (copied twice: the batches in flight, SCAN_PIPELINE_DEPTH at most, and any that landed
 * while the last save ran) and, because events published while nothing listened are lost, always
 * runs a repair pass once the scan is done.
 */
const ZCheckpointOfOneSource = z.object({
  phase: ZReplicationPhase,
  /** Keyed by db number as a string ("0"), so the object survives JSON. */
  dbs: z.record(
    z.string().regex(/^\d{1,5}$/),
    z.object({ cursor: z.string().regex(/^\d{1,20}$/), scanDone: z.boolean() }),
  ),
  keysCopied: z.number().int().nonnegative(),
  bytesCopied: z.number().nonnegative(),
  /** Set when events may have been lost (reconnect, subscriber killed, flush); cleared only by a finished repair. */
  needsRepair: z.boolean(),
});
/** A cluster source's checkpoint also holds each source shard's (keyed by its slot ranges, "0-5460"): SCAN cursors are per node. */
export const ZReplicationCheckpoint = ZCheckpointOfOneSource.extend({
  shards: z.record(z.string().regex(/^[\d,-]{1,2000}$/), ZCheckpointOfOneSource)
    .refine((s) => Object.keys(s).length <= 1_000, "at most 1,000 shards")
    .optional(),
});
export type TReplicationCheckpoint = z.infer<typeof ZReplicationCheckpoint>;

export const ZCopyMode = z.enum(["auto", "restore", "type-level"]);
export type TCopyMode = z.infer<typeof ZCopyMode>;

export const ZReplicationOptions = z.object({
  /** Source dbs to replicate; each goes to the same db number on the target. */
  dbs: z.array(z.number().int().min(0).max(10_000)).min(1).max(64),
  /** auto: RESTORE, falling back to type-level copy when the target refuses it or the payload version. */
  copyMode: ZCopyMode,
  /** Keys larger than this (by MEMORY USAGE or STRLEN/HLEN/LLEN/SCARD/ZCARD/XLEN estimate) are copied in chunks. */
  bigKeyBytes: z.number().int().min(1024).max(1024 ** 3),
  /** SCAN COUNT and keys per copy batch (a checkpoint is emitted after each batch). */
  batchSize: z.number().int().min(1).max(10_000),
  /** Ceiling on value bytes read from the source and not yet written to the target. */
  maxBytesInFlight: z.number().int().min(64 * 1024).max(1024 ** 3),
});
export type TReplicationOptions = z.infer<typeof ZReplicationOptions>;

export const DEFAULT_REPLICATION_OPTIONS: TReplicationOptions = {
  dbs: [0],
  copyMode: "auto",
  bigKeyBytes: 8 * 1024 * 1024,
  batchSize: 500,
  maxBytesInFlight: 64 * 1024 * 1024,
};

export type TReplicationStats = {
  initialCopy: {
    keysCopied: number;
    bytesCopied: number;
    /** DBSIZE sum of the replicated dbs when the copy started. */
    sourceKeys: number;
    keysPerSec: number;
    etaSec: number | null;
    done: boolean;
  };
  live: {
    /** Distinct keys named by events and not yet applied (repeated events coalesce). */
    pendingKeys: number;
    /** Age of the oldest unapplied event; 0 when nothing is pending. */
    oldestPendingAgeMs: number;
    appliedPerSec: number;
    appliedTotal: number;
  };
  reconnects: number;
  repairs: number;
  repairing: boolean;
  needsRepair: boolean;
  /** byKind is absent in stats stored before kinds were counted. */
  lastRepair?: { at: string; differences: number; fixed: number; byKind?: TDifferenceKinds };
  /** What is actually in use ("auto" resolves to one of these). */
  copyMode: "restore" | "type-level";
  /** Writes/s on the source from INFO commandstats deltas; absent until two samples exist. */
  sourceWritesPerSec?: number;
  /** Whether the keyspace subscriber is connected and subscribed right now (a cluster: every primary's). */
  subscribed?: boolean;
  /** A cluster source: each source primary's replicator (absent for one node). */
  shards?: TReplicationShardStats[];
};

/** One source primary's replicator in a cluster replication, for the monitor's per-shard rows. */
export type TReplicationShardStats = {
  /** The shard's slot ranges ("0-5460"): its identity across failovers. */
  slots: string;
  /** The primary its replicator reads and subscribes to now ("host:port"). */
  primary: string;
  subscribed: boolean;
  keysCopied: number;
  appliedTotal: number;
  pendingKeys: number;
  oldestPendingAgeMs: number;
  reconnects: number;
  /** Times the shard's replicator moved to a new primary (a failover followed). */
  follows: number;
  repairs: number;
  repairing: boolean;
};

export type TReplicationEventKind =
  | "subscribed"
  | "reconnect"
  | "subscriber-killed"
  | "flush-detected"
  | "copy-mode-fallback"
  | "repair-started"
  | "repair-finished"
  | "initial-copy-done"
  | "error";

/** For the monitor's timeline; `message` is safe to show, `detail` holds no secret. */
export type TReplicationEvent = {
  kind: TReplicationEventKind;
  message: string;
  at: string;
  detail?: Record<string, unknown>;
};

/** How many differences of each kind a repair pass found (absent kinds: none). */
export type TDifferenceKinds = Partial<Record<MismatchStatus, number>>;
export type TRepairResult = { differences: number; fixed: number; byKind: TDifferenceKinds };

/** The kinds of several repair passes (a cluster's shards) added up. */
export function addDifferenceKinds(all: TDifferenceKinds[]): TDifferenceKinds {
  const sum: TDifferenceKinds = {};
  for (const k of all) for (const [kind, n] of Object.entries(k) as [MismatchStatus, number][]) sum[kind] = (sum[kind] ?? 0) + n;
  return sum;
}
export type TSampleCompareResult = { compared: number; differences: number };

export interface Replicator {
  /** Subscribes per db FIRST, then scan-copies, then applies live events. Resolves once subscribed and the copy has started. */
  start(): Promise<void>;
  /** Closes every connection within 1 s; the last checkpoint stays valid for a resume. */
  stop(): Promise<void>;
  stats(): TReplicationStats;
  checkpoint(): TReplicationCheckpoint;
  /** Verification engine diff of the two ends, then copies what differs (and deletes keys only the target has). */
  repair(): Promise<TRepairResult>;
  /** Resolves true once the initial copy is done and no event is pending, false at the timeout. */
  drain(timeoutMs: number): Promise<boolean>;
  /** Compares n random source keys (and their TTL) with the target. */
  sampleCompare(n: number): Promise<TSampleCompareResult>;
}

export type TCreateReplicatorOptions = {
  source: TReplicationEnd;
  target: TReplicationEnd;
  options: TReplicationOptions;
  checkpoint?: TReplicationCheckpoint;
  /** Called after every copied batch and phase change, one call at a time (asks during a call merge into the next); the flow persists it. */
  onCheckpoint(cp: TReplicationCheckpoint): Promise<void>;
  onEvent(e: TReplicationEvent): void;
  /** Each target db's writing link; default one LeanLink per db (a cluster target routes by slot: lib/replicate/cluster). */
  targetLink?: (db: number) => TTargetWriter;
  /** The repair's diff; default the verification engine between the two ends (a cluster source compares the whole cluster). */
  repairDiff?: (o: TRepairDiffOptions) => Promise<unknown>;
  /** A read-only link to the target for sampled comparisons; default one connection (a cluster target reads by slot). */
  sampleTargetLink?: () => Promise<VerifyLink>;
};

/** What copying needs of a target link: LeanLink's surface. */
export type TTargetWriter = Pick<LeanLink, "run" | "send" | "close">;

export type TRepairDiffOptions = {
  dbs: number[];
  batchSize: number;
  bigKeyBytes: number;
  signal: AbortSignal;
  onMismatch(m: { db: number; key: Buffer; status: MismatchStatus }): Promise<void>;
};
