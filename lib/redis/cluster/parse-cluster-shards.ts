import type { TClusterNode, TClusterNodeHealth, TClusterShard, TSlotRange } from "./cluster-types";

/** RESP2 maps arrive as flat `[key, value, key, value]` arrays. */
function pairs(flat: unknown): Map<string, unknown> {
  const out = new Map<string, unknown>();
  if (!Array.isArray(flat)) return out;
  for (let i = 0; i + 1 < flat.length; i += 2) out.set(String(flat[i]), flat[i + 1]);
  return out;
}

const HEALTH: Record<string, TClusterNodeHealth> = { online: "online", failed: "failed", loading: "loading" };

function nodeOf(flat: unknown, tls: boolean): TClusterNode {
  const m = pairs(flat);
  const host = String(m.get("endpoint") ?? m.get("ip") ?? "");
  const port = Number((tls ? m.get("tls-port") : undefined) ?? m.get("port") ?? m.get("tls-port"));
  const offset = m.get("replication-offset");
  return {
    id: String(m.get("id")),
    // "?" is how Redis says it does not know the announced endpoint; the ip is the next best.
    host: host && host !== "?" ? host : String(m.get("ip") ?? ""),
    port,
    role: String(m.get("role")) === "master" ? "primary" : "replica",
    health: HEALTH[String(m.get("health"))] ?? "unknown",
    replicationOffset: offset === undefined ? null : Number(offset),
  };
}

/**
 * Parses a CLUSTER SHARDS reply (Redis 7.0+). `tls` picks each node's `tls-port` when it has one.
 * A shard whose primary failed and has no promoted replica yet is kept with its failed primary,
 * so coverage still shows its slots and the health shows why they do not answer.
 */
export function parseClusterShards(reply: unknown, tls = false): TClusterShard[] {
  if (!Array.isArray(reply)) return [];
  const shards: TClusterShard[] = [];
  for (const entry of reply) {
    const m = pairs(entry);
    const flatSlots = (m.get("slots") as unknown[] | undefined) ?? [];
    const slots: TSlotRange[] = [];
    for (let i = 0; i + 1 < flatSlots.length; i += 2) slots.push([Number(flatSlots[i]), Number(flatSlots[i + 1])]);
    const nodes = ((m.get("nodes") as unknown[] | undefined) ?? []).map((n) => nodeOf(n, tls));
    const primary = nodes.find((n) => n.role === "primary" && n.health !== "failed") ?? nodes.find((n) => n.role === "primary");
    if (!primary || slots.length === 0) continue;
    shards.push({ id: primary.id, slots, primary, replicas: nodes.filter((n) => n !== primary && n.role === "replica") });
  }
  return shards.sort((a, b) => a.slots[0][0] - b.slots[0][0]);
}
