import type uPlot from "uplot";
import { formatBytes } from "@/lib/format-bytes";
import { byteTicks, countTicks } from "@/lib/monitor/axis-ticks";
import { formatInZone, zoneLabel } from "@/lib/time/format-in-zone";
import { fmtNumber } from "@/lib/report/report-format";

export const SRC = "#2563eb";
export const TGT = "#ea580c";
const AXIS = "#8a94a6";
const GRID = "rgba(128,128,128,0.15)";

type TAxisValues = (u: uPlot, vals: number[]) => string[];
export type TFormat = (v: number) => string;

/**
 * Each chart's unit, once for its legend and once for its y axis, so no chart shows a bare number
 * whose unit the reader has to guess.
 */
export const UNITS = {
  bytes: { value: (v) => formatBytes(v), axis: (_u, vals) => byteTicks(vals) },
  // A replication offset is a byte position: exact in the legend, where source and target are compared.
  offset: { value: (v) => `${fmtNumber(v)} B`, axis: (_u, vals) => byteTicks(vals) },
  count: { value: (v) => fmtNumber(Math.round(v)), axis: (_u, vals) => countTicks(vals) },
  percent: { value: (v) => `${v.toFixed(1)} %`, axis: (_u, vals) => vals.map((v) => `${Number(v.toFixed(1))} %`) },
  perSec: { value: (v) => `${fmtNumber(Math.round(v))}/s`, axis: (_u, vals) => countTicks(vals).map((s) => (s ? `${s}/s` : s)) },
  ms: { value: (v) => msText(v), axis: (_u, vals) => vals.map(msText) },
  seconds: { value: (v) => `${Number(v.toFixed(2))} s`, axis: (_u, vals) => vals.map((v) => `${Number(v.toFixed(2))} s`) },
  // ElastiCache's MasterLinkHealthStatus: 1 when the replicas' link to their primary is up.
  upDown: { value: (v) => (v >= 1 ? "up" : v <= 0 ? "down" : v.toFixed(2)), axis: (_u, vals) => vals.map((v) => (v === 1 ? "up" : v === 0 ? "down" : "")) },
} satisfies Record<string, { value: TFormat; axis: TAxisValues }>;
export type TUnit = keyof typeof UNITS;

function msText(v: number): string {
  return v >= 1_000 ? `${Number((v / 1_000).toFixed(1))} s` : `${Math.round(v)} ms`;
}

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

export type TSeriesSpec = { label: string; color: string; dash?: number[] };

/** A time chart's options: its series, the unit of its values, and optionally a fixed y range. */
export function chartOpts(tz: string, title: string, series: TSeriesSpec[], unit: TUnit, yRange?: [number, number]): Omit<uPlot.Options, "width" | "height"> {
  const { value: fmt, axis } = UNITS[unit];
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
      { stroke: AXIS, size: 80, grid: { stroke: GRID }, values: axis },
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
