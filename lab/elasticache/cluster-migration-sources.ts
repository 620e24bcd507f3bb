import type Redis from "ioredis";
import { invalidParameterValue } from "../http/api-error";
import { parseSlots } from "./cluster-group-nodes";
import type { Group } from "./state";

export type ShardSource = { host: string; port: number };

type SlotsReply = [number, number, [string, number, string?, ...unknown[]], ...unknown[]][];

/**
 * For each node group of a cluster-mode-enabled target, the source primary that owns the same
 * slots (AWS: each target shard replicates the source shard owning its slots). Shard counts must
 * match, as AWS requires; AWS reshards when the split differs, the lab refuses instead.
 */
export async function sourcesBySlots(src: Redis, g: Group, customerHost: string): Promise<ShardSource[]> {
  const reply = (await src.call("CLUSTER", "SLOTS")) as SlotsReply;
  const byPrimary = new Map<string, { host: string; port: number; ranges: [number, number][] }>();
  for (const [from, to, [ip, port, id]] of reply) {
    const key = id ?? `${ip}:${port}`;
    const entry = byPrimary.get(key) ?? { host: ip || customerHost, port, ranges: [] };
    entry.ranges.push([from, to]);
    byPrimary.set(key, entry);
  }
  const primaries = [...byPrimary.values()];
  if (primaries.length !== g.shards.length) {
    throw invalidParameterValue(
      `The source cluster has ${primaries.length} shards but replication group ${g.id} has ${g.shards.length} node groups; the shard counts must match.`,
    );
  }
  return g.shards.map((shard) => {
    const [a, b] = parseSlots(shard.slots!);
    const owner = primaries.find((p) => p.ranges.length === 1 && p.ranges[0][0] === a && p.ranges[0][1] === b);
    if (!owner) {
      throw invalidParameterValue(
        `No source shard owns exactly slots ${shard.slots} of node group ${shard.nodeGroupId}; AWS would reshard, the lab needs the same slot split on both sides.`,
      );
    }
    if (!["127.0.0.1", "localhost", "::1"].includes(owner.host)) {
      throw invalidParameterValue(`The lab can only migrate from loopback endpoints, not ${owner.host}.`);
    }
    return { host: owner.host === "localhost" ? "127.0.0.1" : owner.host, port: owner.port };
  });
}
