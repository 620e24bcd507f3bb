import type { TMonitorData } from "@/lib/monitor/get-monitor-data";
import { Table, Td, Th } from "@/components/ui/table";

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
  return String(v);
}

/**
 * Post-cutover watch (seed 004 steps 6-7): the recorded cutover moment and final offsets, the
 * target's offset now, and persistence on both ends side by side (they should match).
 */
function ago(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 120) return `${s} s ago`;
  if (s < 7_200) return `${Math.round(s / 60)} min ago`;
  return `${Math.round(s / 3_600)} h ago`;
}

export function PostCutoverPanel({ data }: { data: TMonitorData }) {
  const { migration, latest, persistence } = data;
  const watching = migration.watchUntil && Date.parse(migration.watchUntil) > Date.parse(data.serverTime);
  return (
    <div className="space-y-3 text-sm" data-testid="post-cutover">
      <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1">
        <dt className="text-muted-fg">Cut over at</dt>
        <dd className="font-mono">{migration.cutoverAt?.replace("T", " ").slice(0, 23)} UTC</dd>
        <dt className="text-muted-fg">Final offsets</dt>
        <dd className="font-mono break-all">
          {migration.finalOffsets && typeof migration.finalOffsets === "object"
            ? Object.entries(migration.finalOffsets as Record<string, unknown>).map(([k, v]) => (
                <span key={k} className="block">{k} {typeof v === "number" ? v.toLocaleString("en-US") : JSON.stringify(v)}</span>
              ))
            : "not recorded"}
        </dd>
        <dt className="text-muted-fg">Target offset now</dt>
        <dd className="font-mono" data-testid="target-offset-now">{latest?.tgtOffset?.toLocaleString("en-US") ?? "?"} {latest && <span className="text-muted-fg">({latest.at.slice(11, 19)})</span>}</dd>
        <dt className="text-muted-fg">Watch</dt>
        <dd>{watching ? `sampling every 30 s until ${migration.watchUntil!.replace("T", " ").slice(0, 16)} UTC` : "ended"}</dd>
      </dl>
      {persistence && (
        <Table>
          <thead>
            <tr><Th>Persistence ({persistence.at.slice(11, 19)})</Th><Th>Source</Th><Th>Target</Th></tr>
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
    </div>
  );
}
