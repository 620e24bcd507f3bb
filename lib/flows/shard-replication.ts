import type { Redis } from "ioredis";
import type { TNodeGroup } from "../aws/node-groups";
import { readReplication, type TReplicationView } from "./world";

/** What the primary of one target shard says of its replication from the source shard. */
export type TShardReplication = {
  nodeGroupId: string;
  /** The member that replicates from outside the group (during a migration: the shard's primary). */
  node: { host: string; port: number } | null;
  view: TReplicationView | null;
  error: string | null;
};

const sameNode = (view: TReplicationView, m: { host: string; port: number }) =>
  view.masterPort === m.port && (view.masterHost === m.host || (view.masterHost === "127.0.0.1" && m.host === "localhost"));

/**
 * Reads every member of every node group and picks, per shard, the member whose master is outside
 * the group: during an online migration that is the shard's primary replicating its source shard
 * (its replicas follow it). A shard with no such member is reported with the primary's own view.
 */
export async function readShardReplication(groups: TNodeGroup[], connect: (node: { host: string; port: number }) => Promise<Pick<Redis, "info">>): Promise<TShardReplication[]> {
  return Promise.all(groups.map(async (g): Promise<TShardReplication> => {
    const read = await Promise.all(g.members.map(async (m) => {
      try {
        return { m, view: await readReplication(await connect(m)), error: null };
      } catch (err) {
        return { m, view: null, error: err instanceof Error ? err.message : String(err) };
      }
    }));
    const views = read.filter((r) => r.view);
    const outward = views.find((r) => r.view!.role === "replica" && !g.members.some((m) => sameNode(r.view!, m)));
    const chosen = outward ?? views.find((r) => r.view!.role === "primary") ?? read[0];
    return { nodeGroupId: g.nodeGroupId, node: chosen ? { host: chosen.m.host, port: chosen.m.port } : null, view: chosen?.view ?? null, error: chosen?.error ?? (g.members.length ? null : "no member endpoints") };
  }));
}

/** Why a shard is not in sync yet, or null when its link is up with no full sync running. */
export function shardNotInSync(s: TShardReplication): string | null {
  if (!s.view) return `shard ${s.nodeGroupId} not read (${s.error ?? "no answer"})`;
  if (s.view.role !== "replica") return `shard ${s.nodeGroupId} is not replicating`;
  if (s.view.syncInProgress) return `shard ${s.nodeGroupId} initial sync ${s.view.syncPercent ?? "?"}%`;
  if (!s.view.linkUp) return `shard ${s.nodeGroupId} link down`;
  return null;
}
