import type { TReplicatorShardFacts } from "@/lib/monitor/shard-facts";

const num = (n: number) => Math.round(n).toLocaleString("en-US");

/**
 * Key-level replication from a cluster, one row per source primary: keyspace notifications are
 * node-local, so each primary has its own subscriber, queue and repairs, and a failover moves
 * its row to the new primary (counted in "failovers followed").
 */
export function ReplicatorShardTable({ rows }: { rows: TReplicatorShardFacts[] }) {
  return (
    <table className="w-full text-sm" data-testid="replicator-shard-table">
      <thead className="text-left text-xs text-muted-fg">
        <tr>
          <th className="py-1 font-medium">Slots</th>
          <th className="py-1 font-medium">Primary</th>
          <th className="py-1 font-medium">Subscriber</th>
          <th className="py-1 text-right font-medium">Events pending</th>
          <th className="py-1 text-right font-medium">Oldest unapplied</th>
          <th className="py-1 text-right font-medium">Reconnects</th>
          <th className="py-1 text-right font-medium">Failovers followed</th>
          <th className="py-1 text-right font-medium">Repairs</th>
        </tr>
      </thead>
      <tbody className="tabular-nums">
        {rows.map((r) => (
          <tr key={r.slots} data-testid={`replicator-shard-${r.slots}`} className="border-t border-border">
            <td className="py-1 font-mono">{r.slots}</td>
            <td className="py-1 font-mono">{r.primary}</td>
            <td className={r.subscribed ? "py-1" : "py-1 font-semibold text-warn"} data-testid={`replicator-subscribed-${r.slots}`}>{r.subscribed ? "connected" : "not connected"}</td>
            <td className="py-1 text-right">{num(r.pendingKeys)}</td>
            <td className="py-1 text-right">{num(r.oldestPendingAgeMs)} ms</td>
            <td className="py-1 text-right">{num(r.reconnects)}</td>
            <td className="py-1 text-right" data-testid={`replicator-follows-${r.slots}`}>{num(r.follows)}</td>
            <td className="py-1 text-right">{num(r.repairs)}{r.repairing ? " (repairing)" : ""}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
