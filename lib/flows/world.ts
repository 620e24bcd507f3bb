import "server-only";
import type { Redis } from "ioredis";
import { describeReplicationGroup } from "../aws/elasticache";
import { parseInfo } from "../redis/info";
import { replicationFacts, type TReplicationFacts } from "../redis/replication-facts";
import type { TFlowContext } from "./types";

export type TReplicationView = TReplicationFacts;

export async function readReplication(client: Pick<Redis, "info">): Promise<TReplicationView> {
  return replicationFacts(parseInfo(await client.info("replication")));
}

/** True when the target replicates from exactly this source (host as given to REPLICAOF / StartMigration). */
export function replicatesFrom(view: TReplicationView, source: { host: string; port: number }): boolean {
  return view.role === "replica" && view.masterPort === source.port && sameHost(view.masterHost, source.host);
}

function sameHost(a: string | null, b: string): boolean {
  const norm = (h: string) => (h === "localhost" || h === "::1" ? "127.0.0.1" : h.toLowerCase());
  return a !== null && norm(a) === norm(b);
}

/** DescribeReplicationGroups Status of the target group ("available", "migrating", "modifying", ...). */
export async function targetGroupStatus(ctx: TFlowContext): Promise<string> {
  const t = await ctx.target();
  if (!t.aws) throw new Error("targetGroupStatus called for a self-managed target");
  const rg = await describeReplicationGroup(t.aws.clients, ctx.migration.target.replicationGroupId!);
  return rg.Status ?? "unknown";
}

/** Offsets of both ends, read as close together as two INFO calls allow. */
export async function readOffsets(ctx: TFlowContext): Promise<{ source: number | null; target: number | null; lagBytes: number | null; readAt: string }> {
  const [src, tgt] = await Promise.all([ctx.sourceRedis().then(readReplication), ctx.targetRedis().then(readReplication)]);
  const source = src.masterReplOffset;
  const target = tgt.slaveReplOffset;
  return { source, target, lagBytes: source !== null && target !== null ? source - target : null, readAt: new Date().toISOString() };
}
