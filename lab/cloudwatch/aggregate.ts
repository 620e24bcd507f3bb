import type { Sample } from "./sampler";

export type Datapoint = { t: number; value: number };

/** One value per period bucket in [start, end), like CloudWatch's statistics. */
export function aggregate(samples: Sample[], metric: string, startMs: number, endMs: number, periodMs: number, stat: string): Datapoint[] {
  const buckets = new Map<number, number[]>();
  for (const s of samples) {
    const v = s.values[metric];
    if (v === undefined || s.t < startMs || s.t >= endMs) continue;
    const b = Math.floor(s.t / periodMs) * periodMs;
    (buckets.get(b) ?? buckets.set(b, []).get(b)!).push(v);
  }
  return [...buckets.entries()].sort((a, b) => a[0] - b[0]).map(([t, vs]) => ({ t, value: statistic(vs, stat) }));
}

export function statistic(vs: number[], stat: string): number {
  switch (stat) {
    case "Average":
      return vs.reduce((a, b) => a + b, 0) / vs.length;
    case "Sum":
      return vs.reduce((a, b) => a + b, 0);
    case "Minimum":
      return Math.min(...vs);
    case "Maximum":
      return Math.max(...vs);
    case "SampleCount":
      return vs.length;
  }
  const p = stat.match(/^p(\d+(?:\.\d+)?)$/);
  if (p) {
    const sorted = [...vs].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.ceil((Number(p[1]) / 100) * sorted.length) - 1)] ?? sorted[0];
  }
  throw new Error(`unsupported statistic ${stat}`);
}

export const isStatistic = (s: string) => ["Average", "Sum", "Minimum", "Maximum", "SampleCount"].includes(s) || /^p\d+(\.\d+)?$/.test(s);
