import fs from "node:fs";
import path from "node:path";
import { groupKey } from "../context";
import { ApiError } from "../http/api-error";
import { findGroup, requireStatus, type EcCall, type EcHandler } from "./handler-types";
import { bgsaveTo } from "./bgsave";
import { renderSnapshot } from "./render";
import { allMembers, type Group, type Snapshot } from "./state";

export const createSnapshot: EcHandler = async (c) => {
  const name = snapshotName(c.params.required("SnapshotName"));
  const g = groupFor(c);
  if (c.ctx.snapshots.has(groupKey(c.account.accountId, name))) {
    throw new ApiError("SnapshotAlreadyExistsFault", `Snapshot with specified name [${name}] already exists.`);
  }
  if (g.nodeType === "cache.t1.micro") throw new ApiError("SnapshotFeatureNotSupportedFault", "Snapshots are not supported for cache.t1.micro nodes.");
  requireStatus(g, "available");
  // AWS backs up from a replica when there is one, to spare the primary the fork.
  const sources = g.shards.map((s) => s.members.at(-1)!);
  const snap: Snapshot = {
    name, account: c.account, status: "creating", createdAt: new Date(),
    group: { id: g.id, description: g.description, nodeType: g.nodeType, engineVersion: g.engineVersion,
      autoFailover: g.autoFailover, clusterEnabled: g.clusterEnabled, dataTiering: g.dataTiering, port: 6379 },
    nodes: g.shards.map((s, i) => ({ nodeGroupId: s.nodeGroupId, clusterId: sources[i].clusterId, rdbFile: "", bytes: 0, slots: s.slots })),
  };
  c.ctx.snapshots.set(groupKey(c.account.accountId, name), snap);
  g.status = "snapshotting";
  g.snapshottingClusterId = sources[0].clusterId;
  const started = Date.now();
  void (async () => {
    try {
      for (const [i, m] of sources.entries()) {
        const dest = snapshotFile(c, name, snap.nodes[i].nodeGroupId);
        snap.nodes[i].bytes = await bgsaveTo(c.ctx.redis(m.redis.port), m.redis.dir, dest);
        snap.nodes[i].rdbFile = dest;
      }
      c.ctx.later(Math.max(0, c.ctx.delays.snapshot - (Date.now() - started)), () => finish(c, g, snap));
    } catch (err) {
      if (c.ctx.isStopped) return;
      c.ctx.snapshots.delete(groupKey(c.account.accountId, name));
      g.status = "available";
      g.snapshottingClusterId = undefined;
      c.ctx.event({ accountId: c.account.accountId, sourceId: g.id, sourceType: "replication-group",
        message: `Snapshot failed for snapshot with ID '${name}' of replication group with ID '${g.id}': ${(err as Error).message}` });
    }
  })();
  return renderSnapshot(snap, c.ctx.region);
};

function finish(c: EcCall, g: Group, snap: Snapshot): void {
  if (g.status === "snapshotting") g.status = "available";
  g.snapshottingClusterId = undefined;
  if (c.ctx.faults.snapshotStuck(snap.name)) return; // stays `creating` for as long as the fault is on
  snap.status = "available";
  c.ctx.event({ accountId: c.account.accountId, sourceId: g.id, sourceType: "replication-group",
    message: `Snapshot succeeded for snapshot with ID '${snap.name}' of replication group with ID '${g.id}'` });
}

function groupFor(c: EcCall): Group {
  const rg = c.params.str("ReplicationGroupId");
  const cc = c.params.str("CacheClusterId");
  if (rg) return findGroup(c, rg);
  if (!cc) throw new ApiError("InvalidParameterCombination", "Either ReplicationGroupId or CacheClusterId must be provided.");
  const g = [...c.ctx.groups.values()].find(
    (x) => x.account.accountId === c.account.accountId && allMembers(x).some((m) => m.clusterId === cc.toLowerCase()),
  );
  if (!g) throw new ApiError("CacheClusterNotFound", `CacheCluster not found: ${cc}`, 404);
  c.note.groupId = g.id;
  return g;
}

export function snapshotName(name: string): string {
  if (!/^[A-Za-z0-9][A-Za-z0-9-]{0,254}$/.test(name)) {
    throw new ApiError("InvalidParameterValue", `Invalid snapshot name: ${name}. Use letters, digits and hyphens.`);
  }
  return name;
}

export function snapshotFile(c: EcCall, name: string, nodeGroupId: string): string {
  const dir = path.join(c.ctx.dir, "snapshots", c.account.accountId, name);
  fs.mkdirSync(dir, { recursive: true });
  return path.join(dir, `${nodeGroupId}.rdb`);
}
