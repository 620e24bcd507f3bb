import type { TClusterNode, TClusterTopology } from "@/lib/redis/cluster/cluster-types";
import { formatRanges } from "@/lib/redis/cluster/slot-coverage";
import { Badge } from "../ui/badge";

const SLOTS = 16384;

function NodeLabel({ node }: { node: TClusterNode }) {
  const tone = node.health === "online" ? "ok" : node.health === "failed" ? "danger" : "warn";
  return (
    <span className="block whitespace-nowrap">
      <span className="font-mono text-xs">{node.host}:{node.port}</span> <Badge tone={tone}>{node.role} · {node.health}</Badge>
    </span>
  );
}

/** What a connection test found of a cluster: coverage, resharding in progress, and each shard's slots and nodes. */
export function ClusterSummary({ cluster }: { cluster: TClusterTopology }) {
  const full = cluster.slotsCovered === SLOTS;
  return (
    <div className="mt-2 space-y-1" data-testid="cluster-summary">
      <p>
        <Badge tone={full ? "ok" : "danger"}>{full ? "all 16384 slots covered" : `${cluster.slotsCovered} of 16384 slots covered`}</Badge>{" "}
        {cluster.shards.length} shard{cluster.shards.length === 1 ? "" : "s"} · read with {cluster.readWith}
        {full ? null : <span className="text-danger"> · no owner for slots {formatRanges(cluster.gaps)}</span>}
      </p>
      {cluster.moves.length > 0 ? (
        <p className="text-warn">
          Resharding in progress: {cluster.moves.map((m) => `slot ${m.slot} ${m.state} on ${m.nodeId.slice(0, 8)}`).join(", ")}
        </p>
      ) : null}
      <ol className="list-decimal pl-5">
        {cluster.shards.map((s) => (
          <li key={s.id} data-testid="cluster-shard">
            slots <span className="font-mono text-xs">{formatRanges(s.slots)}</span>: <NodeLabel node={s.primary} />
            {s.replicas.map((r) => <NodeLabel key={r.id} node={r} />)}
            {s.replicas.length === 0 ? <span className="text-muted-fg">no replica</span> : null}
          </li>
        ))}
      </ol>
    </div>
  );
}
