import "server-only";
import { DescribeEventsCommand, type ElastiCacheClient } from "@aws-sdk/client-elasticache";
import { AppError } from "../errors";
import { describeReplicationGroup } from "../aws/elasticache";
import { formatMinutes } from "./wait-snapshot-available";

/**
 * One look at the group being restored. `restore-failed` (the RDB does not fit, or a newer RDB
 * version than the engine) and `create-failed` end the flow with AWS's last event for the group.
 */
export async function lookAtGroup(opts: { elasticache: ElastiCacheClient; replicationGroupId: string; since: Date; timeoutMs: number }): Promise<{ status: string; elapsedMs: number }> {
  const id = opts.replicationGroupId;
  const elapsedMs = Date.now() - opts.since.getTime();
  const rg = await describeReplicationGroup({ elasticache: opts.elasticache }, id);
  const status = rg.Status ?? "unknown";
  if (status === "restore-failed" || status === "create-failed") {
    const last = await lastEvent(opts.elasticache, id);
    throw new AppError("AWS_ERROR",
      `Replication group ${id} is ${status}${last ? `: "${last}"` : ""}. Usually the RDB needs more memory than the node type has, or was written by a newer Redis than the engine version. ` +
        "Fix: delete the group (cleanup offers it, since Ferry created it), choose a larger node type or more shards in the snapshot options, and Retry.",
      { awsCode: status, status });
  }
  if (status !== "available" && elapsedMs > opts.timeoutMs) {
    throw new AppError("AWS_ERROR", `Replication group ${id} did not become available within ${formatMinutes(opts.timeoutMs)} (still "${status}"). Retry waits again; nothing is created twice.`, { awsCode: "GroupNotAvailableInTime", status, elapsedMs });
  }
  return { status, elapsedMs };
}

async function lastEvent(ec: ElastiCacheClient, id: string): Promise<string | null> {
  const out = await ec.send(new DescribeEventsCommand({ SourceType: "replication-group", SourceIdentifier: id, Duration: 24 * 60 })).catch(() => null);
  return out?.Events?.[0]?.Message ?? null;
}
