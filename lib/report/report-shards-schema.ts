import { z } from "zod";

const ZIso = z.string();
const ZTotals = z.object({ OK: z.number(), MISSING: z.number(), TYPE: z.number(), VALUE: z.number(), TTL: z.number(), EXTRA: z.number() });

/** One shard of an end: its slot ranges ("0-5460", or "0-100, 200-300") and the primary that owned them. */
export const ZReportShardRef = z.object({ slots: z.string(), primary: z.string().nullable() });

/** How one end splits the slots. A single node is one "shard" owning every slot. */
export const ZReportShardLayout = z.object({
  mode: z.enum(["cluster", "single", "unknown"]),
  shardCount: z.number().nullable(),
  shards: z.array(ZReportShardRef),
  /** Where the split was read: the end's latest baseline, or the verification's topology. */
  from: z.enum(["baseline", "verification"]).nullable(),
});

/** One capture of one end, shard by shard (keys and memory as each primary reported them). */
export const ZReportShardBaseline = z.object({
  end: z.enum(["source", "target"]),
  label: z.enum(["before", "after"]),
  capturedAt: ZIso,
  shards: z.array(ZReportShardRef.extend({ keys: z.number().nullable(), usedMemory: z.number().nullable(), error: z.string().nullable() })),
});

/** One source shard's part of the verification shown (the engine's per-shard counts). */
export const ZReportShardVerification = z.object({
  source: z.string(),
  slots: z.string(),
  /** Target nodes this shard's keys were looked up on (by slot). */
  targets: z.array(z.string()),
  keysCompared: z.number(),
  mismatchCount: z.number(),
  totals: ZTotals,
});

/** Online / replicaof: one target shard against the source shard owning the same slots, from the monitor's samples. */
export const ZReportShardSync = z.object({
  nodeGroupId: z.string(),
  samples: z.number(),
  /** First sample of this shard with the link up and no full sync in progress. */
  inSyncAt: ZIso.nullable(),
  maxLagBytes: z.number().nullable(),
  maxLagBytesAfterSync: z.number().nullable(),
  /** The last sample at or before the cutover. */
  last: z.object({ at: ZIso, srcOffset: z.number().nullable(), tgtOffset: z.number().nullable(), lagBytes: z.number().nullable(), linkUp: z.boolean().nullable(), srcKeys: z.number().nullable(), tgtKeys: z.number().nullable() }).nullable(),
});

/** Replicate: one source primary's replicator, as the forward replicator last reported it. */
export const ZReportShardReplication = z.object({
  slots: z.string(),
  primary: z.string(),
  subscribed: z.boolean(),
  keysCopied: z.number(),
  appliedTotal: z.number(),
  pendingKeys: z.number(),
  oldestPendingAgeMs: z.number(),
  reconnects: z.number(),
  /** Times the replicator followed this shard to a new primary (a failover). */
  follows: z.number(),
  repairs: z.number(),
});

export const ZReportShards = z.object({
  layout: z.object({ source: ZReportShardLayout, target: ZReportShardLayout }),
  /** Every end x label with a per-shard capture (the latest of each), source before first. */
  baselines: z.array(ZReportShardBaseline),
  /** null when the verification shown was not compared shard by shard (none finished, or neither end was a cluster then). */
  verification: z.object({ runId: z.string(), sourceShards: z.number(), targetShards: z.number(), pairs: z.number(), shards: z.array(ZReportShardVerification) }).nullable(),
  /** null unless the strategy replicates the target from the source (online, replicaof) and samples were stored per shard. */
  sync: z.array(ZReportShardSync).nullable(),
  /** null unless the strategy is replicate with a cluster source. */
  replication: z.array(ZReportShardReplication).nullable(),
});
