import "server-only";
import type { Endpoint } from "@prisma/client";
import { resolveEndpoint } from "../endpoints/resolve-endpoint";
import { buildSample, type TSampleInput } from "./build-sample";
import { EndReader } from "./end-reader";
import { replicationForSample } from "../replication-store/replication-for-sample";
import { ShardReaders } from "./shard-readers";
import { withReplicatorShards } from "./shard-facts";

type Side = "source" | "target";
type CloudWatchState = { clusterId: string | null; nextPullAt: number; lastToMs: number | null; busy: boolean; lastError: string | null };

export type TMonitorTimings = {
  readTimeoutMs: number;
  persistenceEveryMs: number;
  /** How often memory and ops (INFO memory, stats) are read; samples in between repeat them. */
  slowEveryMs: number;
};

/**
 * Everything the sampler keeps for one migration: a reader per end (its own connection), when
 * it last stored persistence status, and the CloudWatch cursor of each ElastiCache end.
 */
export class MigrationMonitor {
  readonly readers: Record<Side, EndReader>;
  /** A cluster-mode target read shard by shard; the two readers above serve single-node ends. */
  readonly shards: ShardReaders;
  nextSampleAt = 0;
  watch = false;
  /** Key-level replication: samples also carry the replicator's stats. */
  replicate = false;
  private lastPersistenceAt = 0;
  private lastSlowAt = 0;
  private readonly cw = new Map<Side, CloudWatchState>();

  constructor(
    readonly migrationId: string,
    readonly ends: Record<Side, Endpoint>,
    private readonly timings: TMonitorTimings,
  ) {
    const reader = (side: Side) =>
      new EndReader({
        locate: () => this.locate(side),
        connectionName: `ferry-monitor-${side}`,
        timeoutMs: timings.readTimeoutMs,
      });
    this.readers = { source: reader("source"), target: reader("target") };
    this.shards = new ShardReaders({ sourceId: ends.source.id, targetId: ends.target.id, targetIsElastiCache: ends.target.kind === "elasticache" }, timings.readTimeoutMs);
    for (const side of ["source", "target"] as const) {
      const row = ends[side];
      if (row.kind === "elasticache") this.cw.set(side, { clusterId: row.replicationGroupId ? `${row.replicationGroupId}-001` : null, nextPullAt: 0, lastToMs: null, busy: false, lastError: null });
    }
  }

  /**
   * Reads both ends at once; resolves by the deadline (or the read timeout) whatever the ends do.
   * Null while an end's first connection is still under way: an end not read yet is not an end
   * that is down, and storing it would paint a healthy run's first seconds red.
   */
  async sample(at: Date, deadline?: Promise<null>): Promise<TSampleInput | null> {
    const now = at.getTime();
    const plan = { slow: now - this.lastSlowAt >= this.timings.slowEveryMs, persistence: now - this.lastPersistenceAt >= this.timings.persistenceEveryMs };
    this.shards.relocateIfDue(now);
    if (this.shards.mode === "unknown") return null;
    if (this.shards.mode === "sharded") {
      const repl = this.replicate ? await replicationForSample(this.migrationId).catch(() => null) : null;
      const row = await this.shards.sample({ migrationId: this.migrationId, at, plan, deadline, repl: repl?.repl ?? null });
      if (row && plan.persistence) this.lastPersistenceAt = now;
      if (row && plan.slow) this.lastSlowAt = now;
      return row && withReplicatorShards(row, repl?.shards);
    }
    const [src, tgt, repl] = await Promise.all([
      this.readers.source.read(plan, deadline),
      this.readers.target.read(plan, deadline),
      this.replicate ? replicationForSample(this.migrationId).catch(() => null) : null,
    ]);
    if ((!src && !this.readers.source.settled) || (!tgt && !this.readers.target.settled)) return null;
    const withPersistence = plan.persistence && !!(src || tgt);
    if (withPersistence) this.lastPersistenceAt = now;
    if (plan.slow && src && tgt) this.lastSlowAt = now;
    return withReplicatorShards(buildSample({ migrationId: this.migrationId, at, src, tgt, withPersistence, repl: repl?.repl ?? null }), repl?.shards);
  }

  /** Starts due CloudWatch pulls in the background; a slow AWS call never holds up sampling. */
  pullCloudWatchIfDue(now: number, periodSeconds: number): void {
    for (const [side, st] of this.cw) {
      if (st.busy || now < st.nextPullAt || !st.clusterId) continue;
      st.busy = true;
      const periodMs = periodSeconds * 1000;
      // Only whole periods, and a few of them again: CloudWatch publishes datapoints late.
      const toMs = Math.floor(now / periodMs) * periodMs;
      const fromMs = Math.max(st.lastToMs !== null ? st.lastToMs - 5 * periodMs : toMs - 180 * periodMs, toMs - 3 * 3_600_000);
      const clusterId = st.clusterId;
      void pullCloudWatchLazily({ migrationId: this.migrationId, side, row: this.ends[side], cacheClusterId: clusterId, periodSeconds, fromMs, toMs })
        .then(() => {
          st.lastToMs = toMs;
          st.lastError = null;
        })
        .catch((err: unknown) => {
          st.lastError = err instanceof Error ? err.message : String(err);
        })
        .finally(() => {
          st.busy = false;
          st.nextPullAt = toMs + periodMs + Math.min(periodMs / 4, 10_000);
        });
    }
  }

  async close(): Promise<void> {
    await Promise.all([this.readers.source.close(), this.readers.target.close(), this.shards.close()]);
  }

  private async locate(side: Side) {
    const resolved = await resolveEndpoint(this.ends[side].id);
    const primary = resolved.aws?.discovered.nodes.find((n) => n.role === "primary")?.cacheClusterId;
    const st = this.cw.get(side);
    if (st && primary) st.clusterId = primary;
    return resolved.redis;
  }
}

/** The AWS SDK is loaded with the first ElastiCache end to pull: self-managed ends never need it. */
async function pullCloudWatchLazily(o: { migrationId: string; side: Side; row: Endpoint; cacheClusterId: string; periodSeconds: number; fromMs: number; toMs: number }) {
  const [{ pullCloudWatch }, { awsClientsFor }] = await Promise.all([import("./cloudwatch-pull"), import("../endpoints/aws-endpoint-clients")]);
  const { row, ...rest } = o;
  await pullCloudWatch({ ...rest, cloudwatch: awsClientsFor(row).cloudwatch });
}
