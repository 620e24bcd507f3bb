"use client";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import type { TMonitorData } from "@/lib/monitor/get-monitor-data";
import type { TRange } from "@/lib/monitor/query-samples";
import { formatBytes } from "@/lib/format-bytes";
import { Card, CardTitle } from "@/components/ui/card";
import { StateBadge } from "@/components/migrations/state-badge";
import { cn } from "@/components/ui/cn";
import { CutoverControl } from "./cutover-control";
import { EventTimeline } from "./event-timeline";
import { GatePanel } from "./gate-panel";
import { MonitorCharts } from "./monitor-charts";
import { PostCutoverPanel } from "./post-cutover-panel";
import { ReplicationPanel } from "./replication-panel";
import { ReplicateCutoverPanel } from "./replicate-cutover-panel";
import { ReverseReplicationPanel } from "./reverse-replication-panel";
import { ShardTable } from "./shard-table";
import { ReplicatorShardTable } from "./replicator-shard-table";
import { fetchMonitorData, monitorKeys, pollInterval } from "./monitor-keys";
import { TimeAt } from "@/components/time/time-at";

const RANGE_LABELS: Record<TRange, string> = { live: "Live (15 min)", "1h": "1 h", "24h": "24 h", all: "All" };

export function MonitorView({ initial, canOperate }: { initial: TMonitorData; canOperate: boolean }) {
  const [range, setRange] = useState<TRange>(initial.range);
  const id = initial.migration.id;
  const query = useQuery({
    queryKey: monitorKeys.samples(id, range),
    queryFn: () => fetchMonitorData(id, range),
    initialData: range === initial.range ? initial : undefined,
    initialDataUpdatedAt: Date.parse(initial.serverTime),
    refetchInterval: (q) => pollInterval(q.state.data, range),
    // Switching range keeps the old charts up until the new range arrives.
    placeholderData: keepPreviousData,
  });
  const data = query.data ?? initial;
  const { migration, latest, gate } = data;
  const pre = !migration.cutoverAt;
  const replicate = migration.strategy === "replicate";

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center gap-3">
        <StateBadge state={migration.state} />
        <span className="text-sm text-muted-fg">
          {latest ? <>latest sample <TimeAt at={latest.at} precision="time" zone /></> : "no samples yet"}
          {latest?.lagBytes != null && ` · lag ${formatBytes(latest.lagBytes)}`}
          {data.series.bucketMs > 0 && ` · ${data.series.stored.toLocaleString("en-US")} samples shown as min/max per ${Math.round(data.series.bucketMs / 1000)} s`}
        </span>
        {query.isError && <span className="text-sm text-danger" role="alert">{(query.error as Error).message}</span>}
        <div className="ml-auto flex rounded-md border border-border" role="group" aria-label="Time range">
          {(Object.keys(RANGE_LABELS) as TRange[]).map((r) => (
            <button
              key={r}
              onClick={() => setRange(r)}
              aria-pressed={range === r}
              className={cn("px-3 py-1.5 text-sm first:rounded-l-md last:rounded-r-md", range === r ? "bg-primary text-primary-fg" : "hover:bg-muted", query.isPlaceholderData && range === r && "opacity-70")}
            >
              {RANGE_LABELS[r]}
            </button>
          ))}
        </div>
      </div>

      <div className="grid gap-6 lg:grid-cols-[1fr_22rem]">
        <div className="min-w-0 space-y-6">
          <Card className="min-w-0">
            <MonitorCharts series={data.series} replication={data.replicationSeries} cloudwatch={data.cloudwatch} />
          </Card>
          {latest && latest.shards.length > 0 ? (
            <Card className="min-w-0 overflow-x-auto">
              <CardTitle>Shards</CardTitle>
              <ShardTable latest={latest} />
            </Card>
          ) : null}
          {latest && latest.replicatorShards.length > 0 ? (
            <Card className="min-w-0 overflow-x-auto">
              <CardTitle>Replication per source primary</CardTitle>
              <ReplicatorShardTable rows={latest.replicatorShards} />
            </Card>
          ) : null}
        </div>
        <div className="space-y-6">
          {replicate && (pre || data.latest?.repl) ? (
            <Card>
              <CardTitle>Key-level replication</CardTitle>
              <ReplicationPanel data={data} />
            </Card>
          ) : null}
          {replicate && !pre ? (
            <Card>
              <CardTitle>Way back</CardTitle>
              <ReverseReplicationPanel migrationId={id} reverse={data.replications.find((r) => r.direction === "reverse")} canOperate={canOperate} />
            </Card>
          ) : null}
          <Card>
            {pre ? (
              <div className="space-y-4">
                <GatePanel gate={gate} />
                {replicate && migration.state === "cutting-over" ? (
                  <ReplicateCutoverPanel data={data} canOperate={canOperate} />
                ) : (
                  <CutoverControl migrationId={id} targetName={migration.targetName} gateOpen={gate.open} state={migration.state} canOperate={canOperate} replicate={replicate} />
                )}
              </div>
            ) : (
              <>
                <CardTitle>After cutover</CardTitle>
                <PostCutoverPanel data={data} />
              </>
            )}
          </Card>
          <Card>
            <CardTitle>Timeline</CardTitle>
            <EventTimeline events={data.events} />
          </Card>
        </div>
      </div>
    </div>
  );
}
