import type { Baseline } from "./baseline-types";
import { formatBytes } from "../format-bytes";

export type ReplicaHealthStatus = "ok" | "lagging" | "down";

export type ReplicaHealth = {
  /** "not-primary" when the baseline is of a replica; "no-replicas" when there is nothing to check. */
  overall: ReplicaHealthStatus | "no-replicas" | "not-primary";
  replicas: Array<{
    address: string;
    state: string | null;
    offset: number | null;
    lagBytes: number | null;
    lagSeconds: number | null;
    status: ReplicaHealthStatus;
    reason: string;
  }>;
  message: string;
};

/**
 * Seed 004 step 2: before a snapshot, every replica's offset should agree with the primary's.
 * A lagging replica is not a blocker for BGSAVE on the primary, but it is the operator's signal
 * that the primary is under write pressure or the link is unhealthy.
 */
export function replicaHealth(baseline: Baseline, opts: { maxLagBytes?: number; maxLagSeconds?: number } = {}): ReplicaHealth {
  const maxLagBytes = opts.maxLagBytes ?? 1024 * 1024;
  const maxLagSeconds = opts.maxLagSeconds ?? 5;
  if (baseline.replication.role !== "primary") {
    return { overall: "not-primary", replicas: [], message: "This server is not a primary; replica health is read on its primary." };
  }
  const replicas = baseline.replication.replicas.map((r) => {
    const address = `${r.ip ?? "?"}:${r.port ?? "?"}`;
    let status: ReplicaHealthStatus = "ok";
    let reason = "in step with the primary";
    if (r.state !== "online") {
      status = "down";
      reason = `replication state is ${r.state ?? "unknown"}, not online`;
    } else if (r.lagBytes !== null && r.lagBytes > maxLagBytes) {
      status = "lagging";
      reason = `${formatBytes(r.lagBytes)} behind the primary (limit ${formatBytes(maxLagBytes)})`;
    } else if (r.lagSeconds !== null && r.lagSeconds > maxLagSeconds) {
      status = "lagging";
      reason = `last ACK ${r.lagSeconds} s ago (limit ${maxLagSeconds} s)`;
    }
    return { address, state: r.state, offset: r.offset, lagBytes: r.lagBytes, lagSeconds: r.lagSeconds, status, reason };
  });
  if (replicas.length === 0) return { overall: "no-replicas", replicas, message: "The primary has no connected replicas." };
  const overall: ReplicaHealthStatus = replicas.some((r) => r.status === "down") ? "down" : replicas.some((r) => r.status === "lagging") ? "lagging" : "ok";
  const bad = replicas.filter((r) => r.status !== "ok");
  const message = bad.length === 0
    ? `All ${replicas.length} replica(s) agree with the primary's offset.`
    : `${bad.length} of ${replicas.length} replica(s) are not in step: ${bad.map((r) => `${r.address} ${r.reason}`).join("; ")}. Wait for them to catch up before taking a snapshot.`;
  return { overall, replicas, message };
}
