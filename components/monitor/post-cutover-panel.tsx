import type { TMonitorData } from "@/lib/monitor/get-monitor-data";
import { fmtBytes, fmtNumber } from "@/lib/report/report-format";
import type { TFinalOffsets } from "@/lib/migrations/record/final-offsets";
import { Table, Td, Th } from "@/components/ui/table";
import { TimeAt } from "@/components/time/time-at";
import { OldSourceWritersPanel } from "./old-source-writers-panel";

const FIELDS: [string, string][] = [
  ["rdbLastBgsaveStatus", "Last BGSAVE"],
  ["rdbBgsaveInProgress", "BGSAVE in progress"],
  ["rdbLastSaveTime", "Last save"],
  ["rdbChangesSinceLastSave", "Changes since last save"],
  ["aofEnabled", "AOF enabled"],
  ["aofLastWriteStatus", "AOF last write"],
  ["aofRewriteInProgress", "AOF rewrite in progress"],
];

function show(key: string, v: unknown, nowMs: number): string {
  if (v === null || v === undefined) return "?";
  if (key === "rdbLastSaveTime" && typeof v === "number") return ago(nowMs / 1000 - v);
  if (typeof v === "boolean") return v ? "yes" : "no";
  if (typeof v === "number") return fmtNumber(v);
  return String(v);
}

function ago(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 120) return `${s} s ago`;
  if (s < 7_200) return `${Math.round(s / 60)} min ago`;
  return `${Math.round(s / 3_600)} h ago`;
}

/** Final offsets in words, like the report: "source 1,234 · target 1,234 · lag 0 B · read 15:08:01". */
function FinalOffsets({ v }: { v: TFinalOffsets | null }) {
  if (!v) return <>not recorded</>;
  if (v.source === null && v.target === null) return <>{v.note ?? "not read"}</>;
  return (
    <>
      source {fmtNumber(v.source)} · target {fmtNumber(v.target)}
      {v.lagBytes != null ? ` · lag ${fmtBytes(v.lagBytes)}` : ""}
      {v.readAt ? <> · read <TimeAt at={v.readAt} precision="time" /></> : null}
    </>
  );
}

/**
 * Post-cutover watch (seed 004 steps 6-7): the recorded cutover moment and final offsets, the
 * target's offset now (not for key-level replication, which has none), persistence on both ends side by side (they should match), and who still
 * talks to the old source.
 */
export function PostCutoverPanel({ data }: { data: TMonitorData }) {
  const { migration, latest, persistence } = data;
  const watching = !!migration.watchUntil && Date.parse(migration.watchUntil) > Date.parse(data.serverTime);
  return (
    <div className="space-y-3 text-sm" data-testid="post-cutover">
      <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1">
        <dt className="text-muted-fg">Cut over at</dt>
        <dd className="font-mono"><TimeAt at={migration.cutoverAt} precision="ms" zone /></dd>
        {/* Key-level replication has no replication stream, so no offsets to record or compare. */}
        {migration.strategy === "replicate" ? null : (
          <>
            <dt className="text-muted-fg">Final offsets</dt>
            <dd className="font-mono" data-testid="final-offsets"><FinalOffsets v={migration.finalOffsets as TFinalOffsets | null} /></dd>
            <dt className="text-muted-fg">Target offset now</dt>
            <dd className="font-mono" data-testid="target-offset-now">{latest?.tgtOffset != null ? fmtNumber(latest.tgtOffset) : "?"} {latest && <span className="text-muted-fg">(<TimeAt at={latest.at} precision="time" />)</span>}</dd>
          </>
        )}
        <dt className="text-muted-fg">Watch</dt>
        <dd>{watching ? <>sampling every 30 s until <TimeAt at={migration.watchUntil} precision="minute" zone /></> : "ended"}</dd>
      </dl>
      {persistence && (
        <Table>
          <thead>
            <tr><Th>Persistence (<TimeAt at={persistence.at} precision="time" />)</Th><Th>Source</Th><Th>Target</Th></tr>
          </thead>
          <tbody>
            {FIELDS.map(([key, label]) => {
              const now = Date.parse(data.serverTime);
              const s = show(key, persistence.src?.[key], now);
              const t = show(key, persistence.tgt?.[key], now);
              return (
                <tr key={key}>
                  <Td>{label}</Td>
                  <Td className="font-mono">{s}</Td>
                  <Td className={key === "rdbLastSaveTime" || key === "rdbChangesSinceLastSave" || s === t ? "font-mono" : "font-mono text-warn"}>{t}</Td>
                </tr>
              );
            })}
          </tbody>
        </Table>
      )}
      <h3 className="pt-2 text-sm font-semibold">Who still uses the old source ({migration.sourceName})</h3>
      <OldSourceWritersPanel migrationId={migration.id} sourceName={migration.sourceName} live={migration.state === "completed"} />
    </div>
  );
}
