import "server-only";
import { GetMetricDataCommand, type CloudWatchClient, type MetricDataQuery } from "@aws-sdk/client-cloudwatch";
import { db } from "../db";
import { rawSql } from "../db-dialect";
import { sqlTime } from "./sql-time";

/** The ElastiCache metrics the monitor page charts (REFERENCE.md section 6). */
export const CLOUDWATCH_METRICS = ["MasterLinkHealthStatus", "ReplicationLag", "CurrItems", "BytesUsedForCache", "EngineCPUUtilization"] as const;

export type TCloudWatchPull = {
  migrationId: string;
  side: "source" | "target";
  cloudwatch: CloudWatchClient;
  /** Member cluster id, e.g. "<replication group>-001": CloudWatch has no replication-group dimension. */
  cacheClusterId: string;
  periodSeconds: number;
  fromMs: number;
  toMs: number;
};

/**
 * Pages one pull may read. One page holds up to 100,800 datapoints, far more than five metrics
 * over a monitor window; more pages than this means the service is misbehaving, not busy.
 */
export const CLOUDWATCH_MAX_PAGES = 20;

/**
 * One GetMetricData call (paged) for the five metrics of one node over [from, to), stored as
 * MetricPoint rows. Re-pulling an overlapping window is how late CloudWatch datapoints arrive,
 * so rows that already exist are skipped. Paging stops at a repeated NextToken or after
 * CLOUDWATCH_MAX_PAGES pages. Returns how many new points were stored.
 */
export async function pullCloudWatch(opts: TCloudWatchPull): Promise<number> {
  const queries: MetricDataQuery[] = CLOUDWATCH_METRICS.map((metric, i) => ({
    Id: `m${i}`,
    MetricStat: {
      Metric: { Namespace: "AWS/ElastiCache", MetricName: metric, Dimensions: [{ Name: "CacheClusterId", Value: opts.cacheClusterId }] },
      Period: opts.periodSeconds,
      Stat: "Average",
    },
  }));
  const points: [string, number, number][] = [];
  let NextToken: string | undefined;
  const seen = new Set<string>();
  for (let page = 0; page < CLOUDWATCH_MAX_PAGES; page++) {
    const out = await opts.cloudwatch.send(
      new GetMetricDataCommand({ MetricDataQueries: queries, StartTime: new Date(opts.fromMs), EndTime: new Date(opts.toMs), ScanBy: "TimestampAscending", NextToken }),
    );
    for (const r of out.MetricDataResults ?? []) {
      const metric = CLOUDWATCH_METRICS[Number(r.Id?.slice(1))];
      if (!metric) continue;
      (r.Timestamps ?? []).forEach((ts, k) => {
        const v = r.Values?.[k];
        if (typeof v === "number" && Number.isFinite(v)) points.push([metric, ts.getTime(), v]);
      });
    }
    NextToken = out.NextToken;
    // A token seen before would page the same data forever; what arrived so far is kept.
    if (!NextToken || seen.has(NextToken)) break;
    seen.add(NextToken);
  }
  return storeMetricPoints(opts.migrationId, opts.side, points);
}

/** Inserts (metric, epoch ms, value) rows, skipping any already stored (unique per migration/side/metric/at). */
export async function storeMetricPoints(migrationId: string, side: string, points: [string, number, number][]): Promise<number> {
  let stored = 0;
  // 5 parameters per row; SQLite's default limit is 32,766 parameters per statement.
  for (let i = 0; i < points.length; i += 1_000) {
    const chunk = points.slice(i, i + 1_000);
    stored += await db.$executeRawUnsafe(
      rawSql(`INSERT INTO MetricPoint (migrationId, side, metric, at, value) VALUES ${chunk.map(() => "(?, ?, ?, ?, ?)").join(", ")} ON CONFLICT DO NOTHING`),
      ...chunk.flatMap(([metric, at, value]) => [migrationId, side, metric, sqlTime(at), value]),
    );
  }
  return stored;
}
