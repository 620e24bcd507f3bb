import "server-only";
import { AppError } from "../errors";
import { connectRedis } from "../redis/connect";
import { clusterNodeEndpoint } from "../redis/cluster/cluster-node-endpoint";
import { readClusterTopology } from "../redis/cluster/read-cluster-topology";
import { describeEndpoint, type TRedisEndpoint } from "../redis/endpoint";
import type { OperatorConsent } from "../redis/read-only";
import { NOTIFY_PARAMETER, setNodeNotifications, type TNodeNotifications } from "./set-node-notifications";

export type TClusterNodeNotifications = TNodeNotifications & { node: string; role: "primary" | "replica"; shard: number };
export type TClusterNotificationsRefusal = { node: string; role: "primary" | "replica"; shard: number; error: string };

export type TClusterNotificationsOutcome = {
  /** Nodes asked, in order, up to (not including) a refusing one. */
  nodes: TClusterNodeNotifications[];
  refused: TClusterNotificationsRefusal | null;
  /** Nodes not reached because an earlier one refused. */
  notReached: string[];
};

/**
 * Keyspace notifications are node-local: every primary publishes only its own keys' events, and a
 * replica promoted by a failover publishes only what its own config says. So the consented CONFIG
 * SET goes to every node the topology lists, primaries first, one at a time; the first node that
 * refuses (unreachable, NOPERM, CONFIG renamed) stops the run so no node is changed silently past it.
 */
export async function setClusterNotifications(opts: { endpoint: TRedisEndpoint; consent: OperatorConsent }): Promise<TClusterNotificationsOutcome> {
  const seed = await connectRedis(opts.endpoint, { role: "source", connectionName: "ferry-notifications-fix" });
  let topology;
  try {
    topology = await readClusterTopology({ seed, tls: !!opts.endpoint.tls });
  } finally {
    seed.disconnect();
  }
  const primaries = topology.shards.map((s, i) => ({ node: s.primary, shard: i + 1 }));
  const replicas = topology.shards.flatMap((s, i) => s.replicas.map((node) => ({ node, shard: i + 1 })));
  const order = [...primaries, ...replicas].map(({ node, shard }) => ({ ep: clusterNodeEndpoint(opts.endpoint, node), role: node.role, shard }));
  const nodes: TClusterNodeNotifications[] = [];
  for (const [i, { ep, role, shard }] of order.entries()) {
    const node = describeEndpoint(ep);
    try {
      const c = await connectRedis(ep, { role: "source", connectionName: "ferry-notifications-fix" });
      try {
        nodes.push({ node, role, shard, ...(await setNodeNotifications(c, opts.consent)) });
      } finally {
        c.disconnect();
      }
    } catch (err) {
      const error = String((err as Error)?.message ?? err).split("\n")[0].slice(0, 200);
      return { nodes, refused: { node, role, shard, error }, notReached: order.slice(i + 1).map((o) => describeEndpoint(o.ep)) };
    }
  }
  return { nodes, refused: null, notReached: [] };
}

/** The operator-facing line for an outcome, and the error to throw when a node refused. */
export function describeClusterNotifications(o: TClusterNotificationsOutcome): { message: string; error: AppError | null } {
  const label = (n: { node: string; role: string; shard: number }) => `${n.node} (shard ${n.shard} ${n.role})`;
  const changed = o.nodes.filter((n) => n.changed);
  const kept = o.nodes.filter((n) => !n.changed);
  const parts = [
    changed.length ? `set on ${changed.map((n) => `${label(n)} was "${n.previous}"`).join(", ")}` : "no node changed",
    kept.length ? `already on: ${kept.map(label).join(", ")}` : "",
  ].filter(Boolean);
  if (!o.refused) {
    return { message: `CONFIG SET ${NOTIFY_PARAMETER} on all ${o.nodes.length} nodes of the source cluster: ${parts.join("; ")}.`, error: null };
  }
  const stop = `${label(o.refused)} refused CONFIG SET ${NOTIFY_PARAMETER}: ${o.refused.error}. Stopped there: ${parts.join("; ")}${o.notReached.length ? `; not reached: ${o.notReached.join(", ")}` : ""}.`;
  return { message: stop, error: new AppError("REDIS_ERROR", `${stop} Let Ferry's user run CONFIG SET on that node (or set it there yourself), then apply the fix again.`, { node: o.refused.node }) };
}
