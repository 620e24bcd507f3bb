import { z } from "zod";

/** The window in which the operator stops writes to the source (local date-times as entered). */
// Local date-times as a datetime-local field sends them ("2026-11-30T10:00").
export const ZWriteFreeze = z.object({ from: z.string().max(32), to: z.string().max(32).optional(), note: z.string().max(500).optional() });
export type TWriteFreeze = z.output<typeof ZWriteFreeze>;

/**
 * What an operator sets for a snapshot migration (Migration.options.snapshot). Buckets must be in
 * the ElastiCache region; the export bucket belongs to the source account, the import bucket to
 * the target account (for a self-managed source only the import bucket is used).
 */
export const ZSnapshotOptions = z.object({
  exportBucket: z.string().min(3).max(63).optional(),
  importBucket: z.string().min(3).max(63),
  importPrefix: z.string().max(200).regex(/^[^,]*$/, "S3 keys used to seed ElastiCache cannot contain commas").default("ferry/"),
  /** Reuse an available snapshot of the source taken within this many minutes (0: always take a new one). */
  reuseSnapshotWithinMinutes: z.number().int().min(0).max(7 * 24 * 60).default(0),
  /** Self-managed source: "stream" over replication, or "uploaded" when the operator put dump.rdb in S3 by hand. */
  rdbSource: z.enum(["stream", "uploaded"]).default("stream"),
  uploadedKey: z.string().max(1024).optional(),
  /** The operator's explicit yes to grant the target account READ on the exported RDB objects. */
  confirmCrossAccountGrant: z.boolean().default(false),
  /** The operator's explicit yes to add ElastiCache's READ/WRITE/READ_ACP to the export bucket ACL. */
  confirmExportBucketGrants: z.boolean().default(false),
  nodeType: z.string().max(64).optional(),
  /** Create the target with cluster mode enabled (also implied by more than one node group). */
  clusterMode: z.boolean().optional(),
  numNodeGroups: z.number().int().min(1).max(500).optional(),
  replicasPerNodeGroup: z.number().int().min(0).max(5).optional(),
  parameterGroup: z.string().max(255).optional(),
  engineVersion: z.string().max(32).optional(),
  snapshotTimeoutMinutes: z.number().min(0.01).max(24 * 60).default(120),
  restoreTimeoutMinutes: z.number().min(0.01).max(24 * 60).default(120),
  writeFreeze: ZWriteFreeze.optional(),
});

export type TSnapshotOptions = z.output<typeof ZSnapshotOptions>;
export type TSnapshotOptionsInput = z.input<typeof ZSnapshotOptions>;
