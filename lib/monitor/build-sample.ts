import type { TEndFacts } from "./end-facts";

/** A Sample row before insert (Prisma createMany input shape). */
export type TSampleInput = {
  migrationId: string;
  at: Date;
  srcOffset: number | null;
  tgtOffset: number | null;
  lagBytes: number | null;
  linkUp: boolean | null;
  syncInProgress: boolean | null;
  syncReadBytes: number | null;
  syncTotalBytes: number | null;
  srcKeys: number | null;
  tgtKeys: number | null;
  srcMemory: number | null;
  tgtMemory: number | null;
  srcOps: number | null;
  tgtOps: number | null;
  srcReplicas: number | null;
  srcUp: boolean;
  tgtUp: boolean;
  persistence: string | null;
  /** JSON of the key-level replicator's stats (replicate strategy), else null. */
  repl: string | null;
  /** JSON of per-shard facts (cluster-mode migration, shard-facts.ts), else null. */
  shards: string | null;
};

/**
 * Combines the two readings of one tick. A null end was not read (down, slow, reconnecting):
 * its fields stay null so charts show a gap rather than a made-up value.
 */
export function buildSample(opts: { migrationId: string; at: Date; src: TEndFacts | null; tgt: TEndFacts | null; withPersistence: boolean; repl?: string | null }): TSampleInput {
  const { src, tgt } = opts;
  // While the target replicates, slave_repl_offset is how far it has applied the source's stream;
  // once promoted (or before it ever replicated) its own master_repl_offset is what moves.
  const tgtOffset = tgt ? (tgt.role === "replica" ? tgt.slaveOffset : tgt.masterOffset) : null;
  const replicating = tgt?.role === "replica";
  // Both INFOs are sent at once but answered microseconds apart; under writes the target can
  // appear a few bytes ahead. Negative lag means "caught up", so it is stored as 0.
  const lag = replicating && src?.masterOffset != null && tgtOffset != null ? Math.max(0, src.masterOffset - tgtOffset) : null;
  const persistence = opts.withPersistence && (src || tgt) ? JSON.stringify({ src: src?.persistence, tgt: tgt?.persistence }) : null;
  return {
    migrationId: opts.migrationId,
    at: opts.at,
    srcOffset: src?.masterOffset ?? null,
    tgtOffset,
    lagBytes: lag,
    // Not a replica (promoted, or not started yet): there is no link, which is not "link down".
    linkUp: replicating ? tgt.linkUp : null,
    syncInProgress: replicating ? tgt.syncInProgress : null,
    syncReadBytes: replicating ? tgt.syncReadBytes : null,
    syncTotalBytes: replicating ? tgt.syncTotalBytes : null,
    srcKeys: src ? src.keys : null,
    tgtKeys: tgt ? tgt.keys : null,
    srcMemory: src?.memory ?? null,
    tgtMemory: tgt?.memory ?? null,
    srcOps: src?.ops ?? null,
    tgtOps: tgt?.ops ?? null,
    srcReplicas: src?.replicas ?? null,
    srcUp: !!src,
    tgtUp: !!tgt,
    persistence,
    repl: opts.repl ?? null,
    shards: null,
  };
}
