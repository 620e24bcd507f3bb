import { z } from "zod";
import { ZFinalOffsets } from "@/lib/migrations/record/final-offsets";
import { ZReportShards } from "./report-shards-schema";
import { ZDifferenceKinds } from "@/lib/replication-store/replication-json";

/**
 * The validation report, version 2 (v2: the shown verification run is named and selectable,
 * baselines compare like with like, sections that do not apply to a strategy are null). Field names are stable: automation that reads the JSON
 * download may rely on them. Adding a field keeps the version; renaming or removing one, or
 * changing a meaning, bumps `schemaVersion`. SCHEMA.md beside this file explains each part.
 */
const ZIso = z.string();
const ZCell = z.union([z.string(), z.number(), z.boolean(), z.null()]);
const ZMismatchStatus = z.enum(["MISSING", "TYPE", "VALUE", "TTL", "EXTRA"]);

export const ZReportEndpoint = z.object({
  name: z.string(),
  kind: z.enum(["self-managed", "elasticache"]),
  address: z.string(),
  tls: z.boolean(),
  region: z.string().nullable(),
  replicationGroupId: z.string().nullable(),
  /** From the latest baseline of this endpoint, when one exists. */
  engine: z.string().nullable(),
  version: z.string().nullable(),
});

export const ZReportEvent = z.object({ at: ZIso, type: z.string(), level: z.string(), actor: z.string().nullable(), message: z.string() });

export const ZReportPreflight = z.object({
  ranAt: ZIso,
  ranBy: z.string().nullable(),
  summary: z.object({ pass: z.number(), warn: z.number(), fail: z.number(), unknown: z.number() }),
  checks: z.array(z.object({ id: z.string(), title: z.string(), side: z.string(), status: z.string(), evidence: z.string(), fix: z.string() })),
  override: z.object({ reason: z.string(), by: z.string().nullable(), at: ZIso.nullable() }).nullable(),
});

export const ZReportBaselineRef = z.object({ id: z.string(), endpointName: z.string(), capturedAt: ZIso, capturedBy: z.string().nullable(), totalKeys: z.number(), usedMemory: z.number().nullable() });

export const ZReportBaselineRow = z.object({ path: z.string(), label: z.string(), a: ZCell, b: ZCell, status: z.enum(["same", "differs", "expected-diff"]), note: z.string().optional() });

/** Two baselines side by side: both ends at the same moment, or one end before and after. */
export const ZReportBaselineComparison = z.object({
  id: z.enum(["ends", "source-before-after", "target-before-after"]),
  title: z.string(),
  aLabel: z.string(),
  bLabel: z.string(),
  a: ZReportBaselineRef,
  b: ZReportBaselineRef,
  /** Seconds between the two captures. */
  secondsApart: z.number(),
  rows: z.array(ZReportBaselineRow),
  /** Labels of the rows whose status is "differs" (unexpected differences). */
  differing: z.array(z.string()),
  /** Labels of the rows that changed as expected, and why they were expected to. */
  changed: z.array(z.string()),
  expectedBecause: z.string().nullable(),
});

export const ZReportBaselines = z.object({
  comparisons: z.array(ZReportBaselineComparison),
  /** Which captures are missing for the like-with-like view, e.g. "target after". */
  missing: z.array(z.string()),
});

export const ZReportPersistence = z.object({
  sourceAofEnabled: z.boolean().nullable(),
  targetAofEnabled: z.boolean().nullable(),
  aofMatches: z.boolean(),
  sourceLastBgsaveStatus: z.string().nullable(),
  targetLastBgsaveStatus: z.string().nullable(),
  /** false only when the target reports a failed last BGSAVE. */
  targetBgsaveOk: z.boolean(),
});

export const ZReportSync = z.object({
  startedAt: ZIso.nullable(),
  initialSyncStartedAt: ZIso.nullable(),
  /** First sample with the link up and no full sync in progress. */
  inSyncAt: ZIso.nullable(),
  initialSyncSeconds: z.number().nullable(),
  maxLagBytes: z.number().nullable(),
  maxLagBytesAfterSync: z.number().nullable(),
  cutoverAt: ZIso.nullable(),
  finalOffsets: ZFinalOffsets.nullable(),
  completedAt: ZIso.nullable(),
  samples: z.number(),
});

/** Which verification run the report shows, and why that one. */
export const ZRunChoice = z.enum(["requested", "recorded", "latest"]);

export const ZReportVerification = z.object({
  id: z.string(),
  status: z.string(),
  /** requested: ?run=<id>; recorded: the run the migration's own verify step queued; latest: the newest finished run. */
  chosenBy: ZRunChoice,
  createdAt: ZIso,
  mode: z.enum(["full", "length", "outline"]),
  reverse: z.boolean(),
  requestedBy: z.string().nullable(),
  startedAt: ZIso.nullable(),
  endedAt: ZIso.nullable(),
  durationMs: z.number(),
  keysCompared: z.number(),
  extraKeysScanned: z.number(),
  /** Scan throughput (keys / forward-scan time); runs stored before scanMs existed measured it over the wall time. */
  keysPerSec: z.number(),
  /** Forward-scan time; null for runs stored before it was recorded. */
  scanMs: z.number().nullable(),
  roundsRun: z.number(),
  resumed: z.boolean(),
  notRechecked: z.number(),
  counts: z.array(z.object({ db: z.number(), sourceKeys: z.number(), sourceExpires: z.number(), targetKeys: z.number(), targetExpires: z.number(), keysAgree: z.boolean(), persistentAgree: z.boolean() })),
  totals: z.object({ OK: z.number(), MISSING: z.number(), TYPE: z.number(), VALUE: z.number(), TTL: z.number(), EXTRA: z.number() }),
  mismatchCount: z.number(),
  /** Cluster verification: source slots left out because they were being resharded ("10, 200-210"); "" when every slot was compared. */
  skippedSlots: z.string().default(""),
  /** Caveats to read with the result, e.g. the source could not be read without touching LRU/LFU clocks. */
  notes: z.array(z.string()),
  /** The first mismatches (all of them are in the CSV download). `key` is printable, `keyBase64` exact. */
  mismatchesSample: z.array(z.object({
    db: z.number(), key: z.string(), keyBase64: z.string(), status: ZMismatchStatus, detail: z.string(),
    /** Cluster verification: the source shard owning the key's slot ("0-5460 (10.0.0.5:6379)"); else null. */
    shard: z.string().nullable().default(null),
  })),
});

export const ZReportRunRef = z.object({ id: z.string(), requestedBy: z.string().nullable(), endedAt: ZIso.nullable(), mismatchCount: z.number().nullable(), recorded: z.boolean() });

/** A snapshot migration's one caveat: what the target holds is the source at the snapshot moment. */
export const ZReportSnapshot = z.object({
  moment: ZIso.nullable(),
  momentSource: z.string().nullable(),
  writeFreeze: z.object({ from: z.string(), to: z.string().nullable(), note: z.string().nullable() }).nullable(),
  snapshotName: z.string().nullable(),
  rdbBytes: z.number().nullable(),
  /** The sentence the report states, e.g. "Writes to the source after ... are not in the target." */
  statement: z.string(),
});

/** Replicate strategy only: the key-level replicator and the way back (reverse replication). */
export const ZReportReplication = z.object({
  keysCopied: z.number().nullable(),
  bytesCopied: z.number().nullable(),
  copyMode: z.string().nullable(),
  liveApplied: z.number().nullable(),
  repairs: z.number().nullable(),
  reconnects: z.number().nullable(),
  /** The cutover's drain + full verification + repair. */
  finalVerification: z.object({ differences: z.number(), fixed: z.number(), byKind: ZDifferenceKinds }).nullable(),
  reverse: z.object({ status: z.string(), startedAt: ZIso, until: ZIso.nullable(), stoppedAt: ZIso.nullable(), stoppedBy: z.string().nullable(), stopReason: z.string().nullable() }).nullable(),
});

export const ZReportReason = z.object({
  /** fail: makes the verdict FAIL; note: shown beside a PASS, for the reviewer to weigh. */
  severity: z.enum(["fail", "note"]),
  code: z.string(),
  message: z.string(),
});

export const ZReport = z.object({
  schemaVersion: z.literal(2),
  generatedAt: ZIso,
  migration: z.object({ id: z.string(), name: z.string(), strategy: z.string(), strategyLabel: z.string(), state: z.string(), createdAt: ZIso }),
  endpoints: z.object({ source: ZReportEndpoint, target: ZReportEndpoint }),
  events: z.array(ZReportEvent),
  eventsTruncated: z.boolean(),
  preflight: ZReportPreflight.nullable(),
  baselines: ZReportBaselines,
  persistence: ZReportPersistence.nullable(),
  /** null for strategies without a replication phase (snapshot). */
  sync: ZReportSync.nullable(),
  /** null unless the strategy is snapshot. */
  snapshot: ZReportSnapshot.nullable(),
  /** null unless the strategy is replicate. */
  replication: ZReportReplication.nullable().default(null),
  /** null unless an end is a cluster: the slot split, baselines, verification and sync shard by shard. */
  shards: ZReportShards.nullable().default(null),
  verification: ZReportVerification.nullable(),
  /** Every finished verification of the migration, newest first (any can be shown with ?run=<id>). */
  verificationRuns: z.array(ZReportRunRef),
  /** Status of a newer verification than the one reported (e.g. still running), if any. */
  newerVerificationStatus: z.string().nullable(),
  newerVerificationId: z.string().nullable(),
  verdict: z.object({ result: z.enum(["PASS", "FAIL"]), reasons: z.array(ZReportReason) }),
});

export type TReport = z.infer<typeof ZReport>;
export type TReportReason = z.infer<typeof ZReportReason>;
export type TReportVerification = z.infer<typeof ZReportVerification>;
export type TReportPersistence = z.infer<typeof ZReportPersistence>;
export type TReportBaselineComparison = z.infer<typeof ZReportBaselineComparison>;
export type TReportSnapshot = z.infer<typeof ZReportSnapshot>;
export type TRunChoice = z.infer<typeof ZRunChoice>;
export type TReportReplication = z.infer<typeof ZReportReplication>;
export type TReportShards = z.infer<typeof ZReportShards>;
