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

function show(key: string, v: unknown): string {
  if (v === null || v === undefined) return "?";
  if (key === "rdbLastSaveTime" && typeof v === "number") return new Date(v * 1000).toISOString().replace("T", " ").slice(0, 19);
  if (typeof v === "boolean") return v ? "yes" : "no";
  return String(v);
}

/**
 * Post-cutover watch (seed 004 steps 6-7): the recorded cutover moment and final offsets, the
 * target's offset now, and persistence on both ends side by side (they should match).
 */
export function PostCutoverPanel({ data }: { data: TMonitorData }) {
  const { migration, latest, persistence } = data;
  const watching = migration.watchUntil && Date.parse(migration.watchUntil) > Date.parse(data.serverTime);
  return (
    <div className="space-y-3 text-sm" data-testid="post-cutover">
      <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1">
        <dt className="text-muted-fg">Cut over at</dt>
        <dd className="font-mono">{migration.cutoverAt?.replace("T", " ").slice(0, 23)} UTC</dd>
        <dt className="text-muted-fg">Final offsets</dt>
        <dd className="font-mono">{migration.finalOffsets ? JSON.stringify(migration.finalOffsets) : "not recorded"}</dd>
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
              const s = show(key, persistence.src?.[key]);
              const t = show(key, persistence.tgt?.[key]);
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
