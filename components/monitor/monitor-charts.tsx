"use client";
import { useMemo } from "react";
import uPlot from "uplot";
import { UplotChart } from "@/components/charts/uplot-chart";
import type { TCloudWatchSeries } from "@/lib/monitor/get-monitor-data";
import type { TSampleSeries } from "@/lib/monitor/query-samples";
import type { TReplicationSeries } from "@/lib/monitor/query-replication-series";
import { StatusBand } from "./status-band";
import { useTimeZone } from "@/components/time/time-zone-context";
import { chartOpts, SRC, TGT, type TUnit } from "./chart-options";
import { ReplicationCharts } from "./replication-charts";

/** Built once per zone: a new options object would rebuild the chart on every poll. */
function chartOptions(tz: string) {
  return {
    offsets: chartOpts(tz, "Replication offsets", [{ label: "source master_repl_offset", color: SRC }, { label: "target offset", color: TGT, dash: [6, 4] }], "offset"),
    lag: chartOpts(tz, "Byte lag (source - target)", [{ label: "lag", color: TGT }], "bytes"),
    sync: chartOpts(tz, "Initial sync transferred", [{ label: "sync", color: TGT }], "percent", [0, 100]),
    keys: chartOpts(tz, "Keys", [{ label: "source", color: SRC }, { label: "target", color: TGT, dash: [6, 4] }], "count"),
    memory: chartOpts(tz, "Used memory", [{ label: "source", color: SRC }, { label: "target", color: TGT, dash: [6, 4] }], "bytes"),
  };
}

/**
 * The monitor's charts. A key-level (replicate) migration has no replication stream between the
 * ends, so offsets, byte lag and the sync transfer would only show zeros and dashes: its charts are
 * the replicator's own (copy progress, pending events, rates, repairs) beside keys and memory.
 */
export function MonitorCharts({ series, replication, cloudwatch }: { series: TSampleSeries; replication: TReplicationSeries | null; cloudwatch: TCloudWatchSeries[] }) {
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
      <StatusBand columns={c} fromS={c.t[0] ?? series.fromMs / 1000} toS={c.t[c.t.length - 1] ?? series.toMs / 1000} replicationLink={!replication} />
      <div className="grid gap-4 xl:grid-cols-2">
        {replication ? (
          <ReplicationCharts series={replication} />
        ) : (
          <>
            <UplotChart options={o.offsets} data={data.offsets} data-testid="chart-offsets" />
            <UplotChart options={o.lag} data={data.lag} data-testid="chart-lag" />
            {syncing && <UplotChart options={o.sync} data={data.sync} data-testid="chart-sync" />}
          </>
        )}
        <UplotChart options={o.keys} data={data.keys} data-testid="chart-keys" />
        <UplotChart options={o.memory} data={data.memory} data-testid="chart-memory" />
      </div>
      {cloudwatch.length > 0 && <CloudWatchCharts series={cloudwatch} />}
    </div>
  );
}

const CW_UNIT: Record<string, TUnit | undefined> = {
  BytesUsedForCache: "bytes", CurrItems: "count", EngineCPUUtilization: "percent", ReplicationLag: "seconds", MasterLinkHealthStatus: "upDown",
};

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
    () => chartOpts(tz, `CloudWatch ${metric}`, sides.split(",").map((side) => ({ label: side, color: side === "source" ? SRC : TGT })), CW_UNIT[metric] ?? "count"),
    [metric, sides, tz],
  );
  const data = useMemo(() => uPlot.join(list.map((s) => [s.t, s.v.map((v) => v ?? undefined)] as uPlot.AlignedData)), [list]);
  return <UplotChart options={options} data={data} height={150} data-testid={`chart-cw-${metric}`} />;
}
