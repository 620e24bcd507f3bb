"use client";
import { useMemo } from "react";
import uPlot from "uplot";
import { UplotChart } from "@/components/charts/uplot-chart";
import { formatBytes } from "@/lib/format-bytes";
import type { TCloudWatchSeries } from "@/lib/monitor/get-monitor-data";
import type { TSampleSeries } from "@/lib/monitor/query-samples";
import { StatusBand } from "./status-band";
import { byteTicks, countTicks } from "@/lib/monitor/axis-ticks";
import { formatInZone, zoneLabel } from "@/lib/time/format-in-zone";
import { fmtNumber } from "@/lib/report/report-format";
import { useTimeZone } from "@/components/time/time-zone-context";

const SRC = "#2563eb";
const TGT = "#ea580c";
const AXIS = "#8a94a6";
const GRID = "rgba(128,128,128,0.15)";
const bytesAxis = (_u: uPlot, vals: number[]) => byteTicks(vals);
const countAxis = (_u: uPlot, vals: number[]) => countTicks(vals);
type TFormat = (v: number) => string;
const fmtCount: TFormat = (v) => fmtNumber(v);
const fmtPct: TFormat = (v) => `${v.toFixed(1)} %`;

/** The newest value a series has: what the legend shows while the cursor is off the chart. */
function latestOf(values: ArrayLike<number | null | undefined>): number | null {
  for (let i = values.length - 1; i >= 0; i--) if (values[i] != null) return values[i]!;
  return null;
}

// The user's zone, like the event timeline, so a spike and the event that caused it read the same time.
function timeAxis(tz: string) {
  return (u: uPlot, splits: number[]) => {
    const span = (u.scales.x.max ?? 0) - (u.scales.x.min ?? 0);
    return splits.map((s) => (span > 86_400 ? formatInZone(s * 1000, tz, "minute").slice(5) : span > 1_800 ? formatInZone(s * 1000, tz, "time").slice(0, 5) : formatInZone(s * 1000, tz, "time")));
  };
}

type TSeriesSpec = { label: string; color: string; dash?: number[] };

function opts(tz: string, title: string, series: TSeriesSpec[], fmt: TFormat, yFormat?: (u: uPlot, v: number[]) => string[], yRange?: [number, number]): Omit<uPlot.Options, "width" | "height"> {
  const legendValue = (u: uPlot, v: number | null, sidx: number, idx: number | null) => {
    const shown = idx == null ? latestOf(u.data[sidx] as (number | null)[]) : v;
    return shown == null ? "--" : `${fmt(shown)}${idx == null ? " (latest)" : ""}`;
  };
  return {
    title,
    scales: { x: { time: true }, y: yRange ? { range: yRange } : {} },
    // Canvas colours: CSS variables do not resolve there, so a grey readable on both themes.
    axes: [
      { stroke: AXIS, grid: { stroke: GRID }, space: 70, values: timeAxis(tz) },
      { stroke: AXIS, size: 80, grid: { stroke: GRID }, ...(yFormat ? { values: yFormat } : {}) },
    ],
    series: [
      {
        label: zoneLabel(tz),
        value: (u, v, _s, idx) => {
          const t = idx == null ? latestOf(u.data[0]) : v;
          return t == null ? "--" : formatInZone(t * 1000, tz, "time");
        },
      },
      ...series.map((s) => ({ label: s.label, stroke: s.color, width: 1.5, dash: s.dash, spanGaps: false, value: legendValue })),
    ],
    legend: { live: true },
  };
}

/** Built once per zone: a new options object would rebuild the chart on every poll. */
function chartOptions(tz: string) {
  return {
    offsets: opts(tz, "Replication offsets", [{ label: "source master_repl_offset", color: SRC }, { label: "target offset", color: TGT, dash: [6, 4] }], fmtCount, bytesAxis),
    lag: opts(tz, "Byte lag (source - target)", [{ label: "lag", color: TGT }], (v) => formatBytes(v), bytesAxis),
    sync: opts(tz, "Initial sync transferred", [{ label: "sync %", color: TGT }], fmtPct, undefined, [0, 100]),
    keys: opts(tz, "Keys", [{ label: "source", color: SRC }, { label: "target", color: TGT, dash: [6, 4] }], fmtCount, countAxis),
    memory: opts(tz, "Used memory", [{ label: "source", color: SRC }, { label: "target", color: TGT, dash: [6, 4] }], (v) => formatBytes(v), bytesAxis),
  };
}

export function MonitorCharts({ series, cloudwatch }: { series: TSampleSeries; cloudwatch: TCloudWatchSeries[] }) {
  const c = series.columns;
  const tz = useTimeZone();
  const o = useMemo(() => chartOptions(tz), [tz]);
  const data = useMemo(
    () => ({
      offsets: [c.t, c.srcOffset, c.tgtOffset] as uPlot.AlignedData,
      lag: [c.t, c.lagBytes] as uPlot.AlignedData,
      sync: [c.t, c.syncPct] as uPlot.AlignedData,
      keys: [c.t, c.srcKeys, c.tgtKeys] as uPlot.AlignedData,
      memory: [c.t, c.srcMemory, c.tgtMemory] as uPlot.AlignedData,
    }),
    [c],
  );
  const syncing = c.syncPct.some((v) => v !== null);
  return (
    <div className="space-y-4">
      {/* Same span as the charts, which scale to the data they have. */}
      <StatusBand columns={c} fromS={c.t[0] ?? series.fromMs / 1000} toS={c.t[c.t.length - 1] ?? series.toMs / 1000} />
      <div className="grid gap-4 xl:grid-cols-2">
        <UplotChart options={o.offsets} data={data.offsets} data-testid="chart-offsets" />
        <UplotChart options={o.lag} data={data.lag} data-testid="chart-lag" />
        {syncing && <UplotChart options={o.sync} data={data.sync} data-testid="chart-sync" />}
        <UplotChart options={o.keys} data={data.keys} data-testid="chart-keys" />
        <UplotChart options={o.memory} data={data.memory} data-testid="chart-memory" />
      </div>
      {cloudwatch.length > 0 && <CloudWatchCharts series={cloudwatch} />}
    </div>
  );
}

const CW_FORMAT: Record<string, ((u: uPlot, v: number[]) => string[]) | undefined> = { BytesUsedForCache: bytesAxis, CurrItems: countAxis };
const CW_VALUE: Record<string, TFormat | undefined> = { BytesUsedForCache: (v) => formatBytes(v), CurrItems: fmtCount };

function CloudWatchCharts({ series }: { series: TCloudWatchSeries[] }) {
  const byMetric = new Map<string, TCloudWatchSeries[]>();
  for (const s of series) byMetric.set(s.metric, [...(byMetric.get(s.metric) ?? []), s]);
  return (
    <div>
      <h3 className="mb-2 text-sm font-semibold">CloudWatch (AWS/ElastiCache, one point per period)</h3>
      <div className="grid gap-4 xl:grid-cols-3">
        {[...byMetric.entries()].map(([metric, list]) => (
          <CloudWatchChart key={metric} metric={metric} list={list} />
        ))}
      </div>
    </div>
  );
}

function CloudWatchChart({ metric, list }: { metric: string; list: TCloudWatchSeries[] }) {
  const sides = list.map((s) => s.side).join(",");
  const tz = useTimeZone();
  // Rebuilt only when the set of sides changes, not on every poll.
  const options = useMemo(
    () => opts(tz, `CloudWatch ${metric}`, sides.split(",").map((side) => ({ label: side, color: side === "source" ? SRC : TGT })), CW_VALUE[metric] ?? ((v) => fmtNumber(Number(v.toFixed(2)))), CW_FORMAT[metric]),
    [metric, sides, tz],
  );
  const data = useMemo(() => uPlot.join(list.map((s) => [s.t, s.v.map((v) => v ?? undefined)] as uPlot.AlignedData)), [list]);
  return <UplotChart options={options} data={data} height={150} data-testid={`chart-cw-${metric}`} />;
}
