import type { TLatestSample } from "@/lib/monitor/get-monitor-data";
import type { TShardFacts } from "@/lib/monitor/shard-facts";
import { formatBytes } from "@/lib/format-bytes";

const num = (n: number | null) => (n === null ? "—" : n.toLocaleString("en-US"));

function link(s: Pick<TShardFacts, "linkUp" | "syncInProgress" | "tgtUp">): string {
  if (!s.tgtUp) return "not read";
  if (s.linkUp === null) return "not replicating";
  if (!s.linkUp) return "down";
  return s.syncInProgress ? "up, syncing" : "up";
}

/**
 * A cluster-mode migration shard by shard at the latest sample: each target shard against the source
 * shard owning its slots (offsets of different shards never compare), then the whole migration.
 */
export function ShardTable({ latest }: { latest: TLatestSample }) {
  const total = { ...latest, syncInProgress: latest.shards.some((s) => s.syncInProgress) };
  return (
    <table className="w-full text-sm" data-testid="shard-table">
      <thead className="text-left text-xs text-muted-fg">
        <tr>
          <th className="py-1 font-medium">Shard</th>
          <th className="py-1 text-right font-medium">Source offset</th>
          <th className="py-1 text-right font-medium">Target offset</th>
          <th className="py-1 text-right font-medium">Lag</th>
          <th className="py-1 text-right font-medium">Keys (source / target)</th>
          <th className="py-1 pl-3 font-medium">Link</th>
        </tr>
      </thead>
      <tbody className="tabular-nums">
        {latest.shards.map((s) => (
          <tr key={s.g} data-testid={`shard-row-${s.g}`} className="border-t border-border">
            <td className="py-1 font-mono">{s.g}</td>
            <td className="py-1 text-right">{s.srcUp ? num(s.srcOffset) : "not read"}</td>
            <td className="py-1 text-right">{num(s.tgtOffset)}</td>
            <td className="py-1 text-right" data-testid={`shard-lag-${s.g}`}>{formatBytes(s.lagBytes, "—")}</td>
            <td className="py-1 text-right">{num(s.srcKeys)} / {num(s.tgtKeys)}</td>
            <td className="py-1 pl-3" data-testid={`shard-link-${s.g}`}>{link(s)}</td>
          </tr>
        ))}
        <tr className="border-t-2 border-border font-medium" data-testid="shard-row-all">
          <td className="py-1">All {latest.shards.length}</td>
          <td className="py-1 text-right">{num(latest.srcOffset)}</td>
          <td className="py-1 text-right">{num(latest.tgtOffset)}</td>
          <td className="py-1 text-right">{formatBytes(latest.lagBytes, "—")}</td>
          <td className="py-1 text-right">{num(latest.srcKeys)} / {num(latest.tgtKeys)}</td>
          <td className="py-1 pl-3">{link(total)}</td>
        </tr>
      </tbody>
    </table>
  );
}
