"use client";
import { useMemo } from "react";
import type uPlot from "uplot";
import { UplotChart } from "@/components/charts/uplot-chart";
import type { TReplicationSeries } from "@/lib/monitor/query-replication-series";
import { useTimeZone } from "@/components/time/time-zone-context";
import { chartOpts, SRC, TGT } from "./chart-options";

function replicationOptions(tz: string) {
  return {
    copy: chartOpts(tz, "Initial copy", [{ label: "keys copied", color: TGT }], "percent", [0, 100]),
    pending: chartOpts(tz, "Events pending", [{ label: "pending", color: TGT }], "count"),
    age: chartOpts(tz, "Oldest unapplied event", [{ label: "age", color: TGT }], "ms"),
    rates: chartOpts(tz, "Writes: source vs applied to target", [{ label: "source writes", color: SRC }, { label: "applied", color: TGT, dash: [6, 4] }], "perSec"),
    repairs: chartOpts(tz, "Repairs and reconnects (since start)", [{ label: "repairs", color: TGT }, { label: "reconnects", color: SRC, dash: [6, 4] }], "count"),
  };
}

/**
 * What key-level replication is doing over time, from the stats each sample stored. The copy chart
 * shows only while a copy is in the range: afterwards it would be a flat 100 %.
 */
export function ReplicationCharts({ series: s }: { series: TReplicationSeries }) {
  const tz = useTimeZone();
  const o = useMemo(() => replicationOptions(tz), [tz]);
  const data = useMemo(
    () => ({
      copy: [s.t, s.copyPct] as uPlot.AlignedData,
      pending: [s.t, s.pendingKeys] as uPlot.AlignedData,
      age: [s.t, s.oldestPendingAgeMs] as uPlot.AlignedData,
      rates: [s.t, s.sourceWritesPerSec, s.appliedPerSec] as uPlot.AlignedData,
      repairs: [s.t, s.repairs, s.reconnects] as uPlot.AlignedData,
    }),
    [s],
  );
  const copying = s.copyPct.some((v) => v !== null && v < 100);
  return (
    <>
      {copying && <UplotChart options={o.copy} data={data.copy} data-testid="chart-repl-copy" />}
      <UplotChart options={o.pending} data={data.pending} data-testid="chart-repl-pending" />
      <UplotChart options={o.age} data={data.age} data-testid="chart-repl-age" />
      <UplotChart options={o.rates} data={data.rates} data-testid="chart-repl-rates" />
      <UplotChart options={o.repairs} data={data.repairs} data-testid="chart-repl-repairs" />
    </>
  );
}
