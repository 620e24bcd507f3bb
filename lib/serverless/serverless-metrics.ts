import "server-only";
import { GetMetricDataCommand } from "@aws-sdk/client-cloudwatch";
import type { AwsClients } from "../aws/clients";

/** The CloudWatch metrics of a serverless cache (dimension clusterId = the cache name). */
export const SERVERLESS_METRICS = ["ElastiCacheProcessingUnits", "BytesUsedForCache", "CurrItems"] as const;
export type TServerlessMetric = (typeof SERVERLESS_METRICS)[number];
export type TServerlessMetrics = { values: Partial<Record<TServerlessMetric, { value: number; at: string }>>; error?: string };

/**
 * The latest datapoint of each metric over the last 10 minutes; a metric without one is left out
 * (the panel says so). Gauges take the period's Maximum: during a sync the Average of the minute
 * lags far behind what the cache holds now.
 */
export async function latestServerlessMetrics(clients: AwsClients, cacheName: string, periodSeconds = 60): Promise<TServerlessMetrics> {
  const now = Date.now();
  try {
    const out = await clients.cloudwatch.send(new GetMetricDataCommand({
      StartTime: new Date(now - 10 * 60_000),
      EndTime: new Date(now),
      ScanBy: "TimestampDescending",
      MetricDataQueries: SERVERLESS_METRICS.map((name, i) => ({
        Id: `m${i}`,
        MetricStat: { Metric: { Namespace: "AWS/ElastiCache", MetricName: name, Dimensions: [{ Name: "clusterId", Value: cacheName }] }, Period: periodSeconds, Stat: name === "ElastiCacheProcessingUnits" ? "Sum" : "Maximum" },
      })),
    }));
    const values: TServerlessMetrics["values"] = {};
    for (const r of out.MetricDataResults ?? []) {
      const name = SERVERLESS_METRICS[Number(r.Id?.slice(1))];
      if (name && r.Values?.length && r.Timestamps?.length) values[name] = { value: r.Values[0], at: r.Timestamps[0].toISOString() };
    }
    return { values };
  } catch (err) {
    return { values: {}, error: (err as Error).message.slice(0, 200) };
  }
}
