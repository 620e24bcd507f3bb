import { ApiError } from "../http/api-error";
import { aggregate, isStatistic } from "./aggregate";
import { UNITS } from "./metrics";
import type { MetricSampler } from "./sampler";

type Dimension = { Name?: string; Value?: string };
type Metric = { Namespace?: string; MetricName?: string; Dimensions?: Dimension[] };

const missing = (name: string) => new ApiError("MissingParameter", `The parameter ${name} is required.`);
const invalid = (msg: string) => new ApiError("InvalidParameterValue", msg);

/** awsJson sends timestamps as epoch seconds; accept ISO strings too for hand-written calls. */
function time(v: unknown, name: string): number {
  if (v === undefined || v === null) throw missing(name);
  const ms = typeof v === "number" ? v * 1000 : Date.parse(String(v));
  if (!Number.isFinite(ms)) throw invalid(`The parameter ${name} must be a timestamp.`);
  return ms;
}

function period(v: unknown, where: string): number {
  if (v === undefined) throw missing(`${where}.Period`);
  if (typeof v !== "number" || !Number.isInteger(v) || v < 1) throw invalid(`The parameter ${where}.Period must be a positive integer.`);
  return v * 1000;
}

/** Only AWS/ElastiCache with CacheClusterId (and optionally CacheNodeId 0001), or a serverless clusterId, has data. */
function seriesOf(sampler: MetricSampler, accountId: string, m: Metric) {
  if (m.Namespace !== "AWS/ElastiCache" || !m.MetricName) return [];
  const dims = new Map((m.Dimensions ?? []).map((d) => [d.Name, d.Value]));
  // Serverless caches: one series per cache under the dimension clusterId.
  if (dims.size === 1 && dims.get("clusterId")) return sampler.samples(accountId, `serverless:${dims.get("clusterId")}`);
  const cluster = dims.get("CacheClusterId");
  const nodeOk = !dims.has("CacheNodeId") || dims.get("CacheNodeId") === "0001";
  const extra = [...dims.keys()].some((k) => k !== "CacheClusterId" && k !== "CacheNodeId");
  if (!cluster || !nodeOk || extra) return [];
  return sampler.samples(accountId, cluster);
}

export function getMetricData(sampler: MetricSampler, accountId: string, input: Record<string, unknown>) {
  const queries = input.MetricDataQueries as { Id?: string; Label?: string; ReturnData?: boolean; Expression?: string; MetricStat?: { Metric?: Metric; Period?: number; Stat?: string } }[] | undefined;
  if (!Array.isArray(queries) || queries.length === 0) throw missing("MetricDataQueries");
  const start = time(input.StartTime, "StartTime");
  const end = time(input.EndTime, "EndTime");
  if (end <= start) throw invalid("The parameter StartTime must be less than the parameter EndTime.");
  const ascending = input.ScanBy === "TimestampAscending";
  const results = queries.map((q, i) => {
    if (!q.Id) throw missing(`MetricDataQueries.member.${i + 1}.Id`);
    if (q.Expression) throw invalid("The lab does not evaluate metric math expressions; use MetricStat.");
    const ms = q.MetricStat;
    if (!ms?.Metric) throw missing(`MetricDataQueries.member.${i + 1}.MetricStat`);
    const stat = ms.Stat ?? "";
    if (!isStatistic(stat)) throw invalid(`The value ${stat} for parameter MetricDataQueries.member.${i + 1}.MetricStat.Stat is not valid.`);
    const points = aggregate(seriesOf(sampler, accountId, ms.Metric), ms.Metric.MetricName!, start, end, period(ms.Period, `MetricDataQueries.member.${i + 1}.MetricStat`), stat);
    if (!ascending) points.reverse();
    return {
      ...q,
      out: { Id: q.Id, Label: q.Label ?? ms.Metric.MetricName, Timestamps: points.map((p) => p.t / 1000), Values: points.map((p) => p.value), StatusCode: "Complete" },
    };
  });
  return { MetricDataResults: results.filter((r) => r.ReturnData !== false).map((r) => r.out), Messages: [] };
}

export function getMetricStatistics(sampler: MetricSampler, accountId: string, input: Record<string, unknown>) {
  for (const k of ["Namespace", "MetricName"]) if (!input[k]) throw missing(k);
  const stats = [...((input.Statistics as string[]) ?? [])];
  const extended = [...((input.ExtendedStatistics as string[]) ?? [])];
  if (!stats.length && !extended.length) throw missing("Statistics");
  for (const s of [...stats, ...extended]) if (!isStatistic(s)) throw invalid(`The value ${s} for parameter Statistics is not valid.`);
  const metric = input as Metric;
  const start = time(input.StartTime, "StartTime");
  const end = time(input.EndTime, "EndTime");
  const p = period(input.Period, "GetMetricStatistics");
  const samples = seriesOf(sampler, accountId, metric);
  const byTime = new Map<number, Record<string, unknown>>();
  for (const s of [...stats, ...extended]) {
    for (const dp of aggregate(samples, metric.MetricName!, start, end, p, s)) {
      const row = byTime.get(dp.t) ?? { Timestamp: dp.t / 1000, Unit: UNITS[metric.MetricName!] ?? "None" };
      if (stats.includes(s)) row[s] = dp.value;
      else row.ExtendedStatistics = { ...(row.ExtendedStatistics as object), [s]: dp.value };
      byTime.set(dp.t, row);
    }
  }
  return { Label: metric.MetricName, Datapoints: [...byTime.values()] };
}
