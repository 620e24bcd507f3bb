"use client";
import { useMemo } from "react";
import uPlot from "uplot";
import { UplotChart } from "@/components/charts/uplot-chart";
import { formatBytes } from "@/lib/format-bytes";
import type { TCloudWatchSeries } from "@/lib/monitor/get-monitor-data";
import type { TSampleSeries } from "@/lib/monitor/query-samples";
import { StatusBand } from "./status-band";

const SRC = "#2563eb";
const TGT = "#ea580c";
const AXIS = "#8a94a6";
const GRID = "rgba(128,128,128,0.15)";
const bytesAxis = (_u: uPlot, vals: number[]) => vals.map((v) => formatBytes(v));
const countAxis = (_u: uPlot, vals: number[]) => vals.map((v) => (Math.abs(v) >= 1e6 ? `${(v / 1e6).toFixed(1)}M` : Math.abs(v) >= 1e4 ? `${Math.round(v / 1e3)}k` : String(v)));

// UTC like the event timeline, so a spike and the event that caused it read the same time.
const utc = (s: number) => new Date(s * 1000).toISOString();
const timeAxis = (u: uPlot, splits: number[]) => {
  const span = (u.scales.x.max ?? 0) - (u.scales.x.min ?? 0);
  return splits.map((s) => (span > 86_400 ? `${utc(s).slice(5, 10)} ${utc(s).slice(11, 16)}` : span > 1_800 ? utc(s).slice(11, 16) : utc(s).slice(11, 19)));
};

function opts(title: string, series: { label: string; color: string; dash?: number[] }[], yFormat?: (u: uPlot, v: number[]) => string[], yRange?: [number, number]): Omit<uPlot.Options, "width" | "height"> {
  return {
    title,
    scales: { x: { time: true }, y: yRange ? { range: yRange } : {} },
    // Canvas colours: CSS variables do not resolve there, so a grey readable on both themes.
    axes: [
      { stroke: AXIS, grid: { stroke: GRID }, space: 70, values: timeAxis },
      { stroke: AXIS, size: 70, grid: { stroke: GRID }, ...(yFormat ? { values: yFormat } : {}) },
    ],
    series: [
      { label: "UTC", value: (_u, v) => (v == null ? "--" : utc(v).slice(11, 19)) },
      ...series.map((s) => ({ label: s.label, stroke: s.color, width: 1.5, dash: s.dash, spanGaps: false })),
    ],
    legend: { live: true },
  };
}

// Built once: a new options object would rebuild the chart on every poll.
const OFFSETS = opts("Replication offsets", [{ label: "source master_repl_offset", color: SRC }, { label: "target offset", color: TGT, dash: [6, 4] }], bytesAxis);
const LAG = opts("Byte lag (source - target)", [{ label: "lag", color: TGT }], bytesAxis);
const SYNC = opts("Initial sync transferred", [{ label: "sync %", color: TGT }], undefined, [0, 100]);
const KEYS = opts("Keys", [{ label: "source", color: SRC }, { label: "target", color: TGT, dash: [6, 4] }], countAxis);
const MEMORY = opts("Used memory", [{ label: "source", color: SRC }, { label: "target", color: TGT, dash: [6, 4] }], bytesAxis);

export function MonitorCharts({ series, cloudwatch }: { series: TSampleSeries; cloudwatch: TCloudWatchSeries[] }) {
  const c = series.columns;
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
        <UplotChart options={OFFSETS} data={data.offsets} data-testid="chart-offsets" />
        <UplotChart options={LAG} data={data.lag} data-testid="chart-lag" />
        {syncing && <UplotChart options={SYNC} data={data.sync} data-testid="chart-sync" />}
        <UplotChart options={KEYS} data={data.keys} data-testid="chart-keys" />
        <UplotChart options={MEMORY} data={data.memory} data-testid="chart-memory" />
      </div>
      {cloudwatch.length > 0 && <CloudWatchCharts series={cloudwatch} />}
    </div>
  );
}

const CW_FORMAT: Record<string, ((u: uPlot, v: number[]) => string[]) | undefined> = { BytesUsedForCache: bytesAxis, CurrItems: countAxis };

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
  // Rebuilt only when the set of sides changes, not on every poll.
  const options = useMemo(
    () => opts(`CloudWatch ${metric}`, sides.split(",").map((side) => ({ label: side, color: side === "source" ? SRC : TGT })), CW_FORMAT[metric]),
    [metric, sides],
  );
  const data = useMemo(() => uPlot.join(list.map((s) => [s.t, s.v.map((v) => v ?? undefined)] as uPlot.AlignedData)), [list]);
  return <UplotChart options={options} data={data} height={150} data-testid={`chart-cw-${metric}`} />;
}
