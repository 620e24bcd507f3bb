import "server-only";
import { buildSample, type TSampleInput } from "./build-sample";
import { EndReader } from "./end-reader";
import type { TInfoPlan } from "./info-plan";
import { locateShardPairs, type TShardPair } from "./locate-shard-pairs";
import { aggregateShardRows } from "./shard-facts";

/** How often the shard pairs are looked up again (a failover or a new shard is followed). */
export const SHARD_RELOCATE_MS = 30_000;

type TPairReaders = { key: string; nodeGroupId: string; source: EndReader; target: EndReader };

/**
 * The readers of a cluster-mode migration: one per source primary and target shard node, paired
 * by slots. `mode` is "unknown" until the first lookup ends, "single" when the ends are not both
 * clusters (the caller reads one node per end), "sharded" otherwise.
 */
export class ShardReaders {
  mode: "unknown" | "single" | "sharded" = "unknown";
  private pairs: TPairReaders[] = [];
  private nextLocateAt = 0;
  private locating = false;
  private closed = false;

  constructor(private readonly ends: { sourceId: string; targetId: string; targetIsElastiCache: boolean }, private readonly timeoutMs: number) {
    // Only an ElastiCache group can be cluster mode enabled here: a self-managed target is one node.
    if (!ends.targetIsElastiCache) this.mode = "single";
  }

  /** Starts a lookup when due; never waits for it (AWS answering slowly delays no tick). */
  relocateIfDue(now: number): void {
    if (!this.ends.targetIsElastiCache || this.locating || this.closed || now < this.nextLocateAt) return;
    this.locating = true;
    this.nextLocateAt = now + SHARD_RELOCATE_MS;
    void locateShardPairs(this.ends.sourceId, this.ends.targetId)
      .then((pairs) => this.apply(pairs))
      .catch(() => {
        // Never located: fall back to one node per end rather than storing nothing.
        if (this.mode === "unknown") this.mode = "single";
      })
      .finally(() => (this.locating = false));
  }

  /** One row for the tick: the aggregate with the per-shard facts; null while a reader has not settled. */
  async sample(opts: { migrationId: string; at: Date; plan: TInfoPlan; deadline?: Promise<null>; repl: string | null }): Promise<TSampleInput | null> {
    const pairs = this.pairs;
    if (pairs.length === 0) return null;
    const read = await Promise.all(pairs.map((p) => Promise.all([p.source.read(opts.plan, opts.deadline), p.target.read(opts.plan, opts.deadline)])));
    if (pairs.some((p, i) => (!read[i][0] && !p.source.settled) || (!read[i][1] && !p.target.settled))) return null;
    return aggregateShardRows(pairs.map((p, i) => ({
      nodeGroupId: p.nodeGroupId,
      row: buildSample({ migrationId: opts.migrationId, at: opts.at, src: read[i][0], tgt: read[i][1], withPersistence: opts.plan.persistence, repl: opts.repl }),
    })));
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.pairs.flatMap((p) => [p.source.close(), p.target.close()]));
    this.pairs = [];
  }

  private apply(found: TShardPair[] | null): void {
    if (this.closed) return;
    if (found === null && this.mode !== "sharded") {
      // Not cluster mode: asked once, not every period (DescribeReplicationGroups per migration adds up).
      this.mode = "single";
      this.nextLocateAt = Number.POSITIVE_INFINITY;
      return;
    }
    if (!found || found.length === 0) return;
    const keyOf = (p: TShardPair) => `${p.nodeGroupId}|${p.source.host}:${p.source.port}|${p.target.host}:${p.target.port}`;
    const kept = new Map(this.pairs.map((p) => [p.key, p]));
    const next = found.map((p) => kept.get(keyOf(p)) ?? this.readersFor(keyOf(p), p));
    for (const old of this.pairs) if (!next.includes(old)) void Promise.all([old.source.close(), old.target.close()]);
    this.pairs = next;
    this.mode = "sharded";
  }

  private readersFor(key: string, p: TShardPair): TPairReaders {
    const reader = (side: "source" | "target", endpoint: TShardPair["source"]) =>
      new EndReader({ locate: async () => endpoint, connectionName: `ferry-monitor-${side}-${p.nodeGroupId}`, timeoutMs: this.timeoutMs });
    return { key, nodeGroupId: p.nodeGroupId, source: reader("source", p.source), target: reader("target", p.target) };
  }
}
