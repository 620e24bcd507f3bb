import "server-only";
import { CreateSnapshotCommand, DescribeSnapshotsCommand, type ElastiCacheClient, type Snapshot } from "@aws-sdk/client-elasticache";
import { classifyAwsError } from "../aws/classify-aws-error";
import { noTracking, type ResourceTracker } from "./created-resources";

export type SnapshotChoice = { name: string; created: boolean; reused: boolean; status: string; createdAt: string | null };

/**
 * The snapshot the flow exports. In order: our own (by its derived name) if it exists already (a
 * restarted step), a recent available one of the group if the operator allows reuse, else a new
 * CreateSnapshot, tracked before the call so cleanup knows it even if we die right after.
 */
export async function createOrReuseSnapshot(opts: {
  elasticache: ElastiCacheClient;
  replicationGroupId: string;
  snapshotName: string;
  reuseWithinMs?: number;
  track?: ResourceTracker;
  now?: Date;
}): Promise<SnapshotChoice> {
  const ec = opts.elasticache;
  const track = opts.track ?? noTracking;
  const own = await describeSnapshot(ec, opts.snapshotName);
  if (own) return choice(own, { created: false, reused: false });
  if (opts.reuseWithinMs) {
    const since = (opts.now ?? new Date()).getTime() - opts.reuseWithinMs;
    const out = await ec.send(new DescribeSnapshotsCommand({ ReplicationGroupId: opts.replicationGroupId })).catch((err) => {
      throw classifyAwsError(err, `DescribeSnapshots of ${opts.replicationGroupId}`);
    });
    const recent = (out.Snapshots ?? [])
      .filter((s) => s.SnapshotStatus === "available" && snapshotTime(s) >= since)
      .sort((a, b) => snapshotTime(b) - snapshotTime(a))[0];
    if (recent) return choice(recent, { created: false, reused: true });
  }
  await track.pending("snapshot", "source", opts.snapshotName, { replicationGroupId: opts.replicationGroupId });
  try {
    const out = await ec.send(new CreateSnapshotCommand({ ReplicationGroupId: opts.replicationGroupId, SnapshotName: opts.snapshotName }));
    await track.created("snapshot", opts.snapshotName);
    return choice(out.Snapshot ?? { SnapshotName: opts.snapshotName, SnapshotStatus: "creating" }, { created: true, reused: false });
  } catch (err) {
    const e = classifyAwsError(err, `CreateSnapshot ${opts.snapshotName} of ${opts.replicationGroupId}`);
    // An SDK retry after a lost answer: the first attempt made it, and it is ours.
    if (e.detail?.awsCode === "SnapshotAlreadyExistsFault") {
      const again = await describeSnapshot(ec, opts.snapshotName);
      if (again) {
        await track.created("snapshot", opts.snapshotName);
        return choice(again, { created: true, reused: false });
      }
    }
    throw e;
  }
}

/** DescribeSnapshots by name; null when AWS says it does not exist. */
export async function describeSnapshot(ec: ElastiCacheClient, name: string): Promise<Snapshot | null> {
  try {
    return (await ec.send(new DescribeSnapshotsCommand({ SnapshotName: name }))).Snapshots?.[0] ?? null;
  } catch (err) {
    const e = classifyAwsError(err, `DescribeSnapshots ${name}`);
    if (e.code === "AWS_NOT_FOUND") return null;
    throw e;
  }
}

function snapshotTime(s: Snapshot): number {
  const t = s.NodeSnapshots?.[0]?.SnapshotCreateTime ?? s.CacheClusterCreateTime;
  return t ? new Date(t).getTime() : 0;
}

function choice(s: Snapshot, how: { created: boolean; reused: boolean }): SnapshotChoice {
  const t = snapshotTime(s);
  return { name: s.SnapshotName!, status: s.SnapshotStatus ?? "unknown", createdAt: t ? new Date(t).toISOString() : null, ...how };
}
