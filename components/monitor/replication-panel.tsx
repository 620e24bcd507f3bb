import type { TMonitorData } from "@/lib/monitor/get-monitor-data";
import type { TSampleRepl } from "@/lib/replication-store/replication-json";
import { formatBytes } from "@/lib/format-bytes";
import { cn } from "@/components/ui/cn";
import { TimeAt } from "@/components/time/time-at";

const n = (v: number) => Math.round(v).toLocaleString("en-US");

function Row({ label, value, testId, warn }: { label: string; value: React.ReactNode; testId?: string; warn?: boolean }) {
  return (
    <div className="flex justify-between gap-3 text-sm">
      <dt className="text-muted-fg">{label}</dt>
      <dd className={cn("font-mono", warn && "text-warn font-semibold")} data-testid={testId}>{value}</dd>
    </div>
  );
}

/**
 * Key-level replication at a glance: the initial copy against the source's keys, live lag (events
 * pending, age of the oldest), repairs and reconnects, and the source's write rate, which after
 * the operator switched clients should fall to 0 (Ferry drains and verifies at cutover).
 */
export function ReplicationPanel({ data }: { data: TMonitorData }) {
  const r: TSampleRepl | null | undefined = data.latest?.repl;
  const state = data.migration.state;
  if (!r) return <p className="text-sm text-muted-fg" data-testid="replication-panel">No replicator is reporting right now{state === "running" ? " (starting…)" : ""}.</p>;
  const c = r.initialCopy;
  const pct = c.sourceKeys > 0 ? Math.min(100, (c.keysCopied / c.sourceKeys) * 100) : c.done ? 100 : 0;
  const writes = r.sourceWritesPerSec;
  const writesWarn = state === "cutting-over" && !!writes;
  return (
    <div className="space-y-3" data-testid="replication-panel">
      <p className="text-sm font-medium">{r.direction === "reverse" ? "Reverse replication (new target → old source)" : "Replication (source → target)"} · {r.copyMode}</p>
      <div>
        <div className="h-2 rounded bg-muted" aria-label="Initial copy progress"><div className="h-2 rounded bg-primary" style={{ width: `${pct}%` }} /></div>
        <p className="mt-1 text-xs text-muted-fg" data-testid="replication-copy">
          {c.done ? `Initial copy done: ${n(c.keysCopied)} keys, ${formatBytes(c.bytesCopied)}` : `Initial copy: ${n(c.keysCopied)} of ~${n(c.sourceKeys)} keys (${pct.toFixed(0)}%), ${formatBytes(c.bytesCopied)}, ${n(c.keysPerSec)} keys/s${c.etaSec != null ? `, ETA ${n(c.etaSec)} s` : ""}`}
        </p>
      </div>
      <dl className="space-y-1">
        <Row label="Events pending" value={n(r.live.pendingKeys)} testId="replication-pending" />
        <Row label="Oldest unapplied event" value={`${n(r.live.oldestPendingAgeMs)} ms`} />
        <Row label="Applied" value={`${n(r.live.appliedPerSec)}/s (${n(r.live.appliedTotal)} total)`} />
        <Row label="Repairs · reconnects" value={`${r.repairs} · ${r.reconnects}${r.repairing ? " (repairing)" : ""}`} testId="replication-repairs" />
        <Row label={writesWarn ? "Writes still arriving at the source" : "Source writes"} value={writes == null ? "?" : `${n(writes)}/s`} testId="replication-source-writes" warn={writesWarn} />
        <Row label="Last sampled comparison" value={r.lastCompare ? <>{r.lastCompare.differences} of {n(r.lastCompare.compared)} differ, <TimeAt at={r.lastCompare.at} precision="time" zone /></> : "not yet"} />
      </dl>
      {state === "in-sync" ? (
        <p className="text-xs text-muted-fg">
          To cut over: stop writes to the source, then confirm. Ferry drains what is pending, runs a final full verification and repairs what differs
          so the target then matches the source exactly. Only then does Ferry ask you to switch clients to the target: a repair would undo writes
          made to it before.
        </p>
      ) : null}
    </div>
  );
}
