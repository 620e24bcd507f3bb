import "server-only";
import type { ElastiCacheClient, Snapshot } from "@aws-sdk/client-elasticache";
import { AppError } from "../errors";
import { describeSnapshot } from "./create-or-reuse-snapshot";

export type SnapshotLook = { status: string; elapsedMs: number; snapshot: Snapshot };

/**
 * One look at a snapshot: `available` or still going, with the elapsed time; a clear error when it
 * is gone (AWS reports a failed snapshot only as an event and drops it) or over its time budget.
 * Runner steps call this once per pass and wait between passes, never inside one.
 */
export async function lookAtSnapshot(opts: { elasticache: ElastiCacheClient; name: string; since: Date; timeoutMs: number }): Promise<SnapshotLook> {
  const elapsedMs = Date.now() - opts.since.getTime();
  const snap = await describeSnapshot(opts.elasticache, opts.name);
  if (!snap) {
    throw new AppError("AWS_NOT_FOUND", `Snapshot ${opts.name} no longer exists: AWS drops a snapshot that failed and says why only in the group's events (DescribeEvents). Retry takes a new one.`);
  }
  const status = snap.SnapshotStatus ?? "unknown";
  if (status !== "available" && elapsedMs > opts.timeoutMs) {
    // Not AWS_TIMEOUT: that one is retried automatically, and waiting longer is the operator's call.
    throw new AppError("AWS_ERROR",
      `Snapshot ${opts.name} did not become available within ${formatMinutes(opts.timeoutMs)} (still "${status}" after ${formatMinutes(elapsedMs)}). ` +
        "Check the source group's events in the ElastiCache console; Retry waits again without taking a second snapshot.",
      { awsCode: "SnapshotNotAvailableInTime", snapshotName: opts.name, status, elapsedMs });
  }
  return { status, elapsedMs, snapshot: snap };
}

export function formatMinutes(ms: number): string {
  const min = ms / 60_000;
  return min >= 1 ? `${Math.round(min * 10) / 10} min` : `${Math.round(ms / 100) / 10} s`;
}
