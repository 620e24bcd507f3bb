import { ApiError } from "../http/api-error";
import { findGroup, requireStatus, type EcCall, type EcHandler } from "./handler-types";
import { startLinkProxy } from "./link-proxy";
import { checkMigration, customerEndpoint } from "./migration-checks";
import { detachForMigration, rejoinCluster } from "./cluster-migration";
import { labCall } from "./refused-commands";
import { renderGroup } from "./render";
import { primaryOf, type Group } from "./state";

const event = (c: EcCall, g: Group, message: string) =>
  c.ctx.event({ accountId: g.account.accountId, sourceId: g.id, sourceType: "replication-group", message });

export const testMigration: EcHandler = async (c) => {
  const g = findGroup(c, c.params.required("ReplicationGroupId"));
  const ep = customerEndpoint(c);
  if (g.status === "migrating") throw new ApiError("ReplicationGroupAlreadyUnderMigrationFault", `Replication group ${g.id} is already under migration.`);
  requireStatus(g, "available");
  await checkMigration(g, ep);
  event(c, g, `Test Migration successful for ${g.id}`);
  return renderGroup(g, c.ctx.region);
};

/** Really points the target's primary at the source with REPLICAOF; the target turns read-only. */
export const startMigration: EcHandler = async (c) => {
  const g = findGroup(c, c.params.required("ReplicationGroupId"));
  const ep = customerEndpoint(c);
  if (g.status === "migrating") throw new ApiError("ReplicationGroupAlreadyUnderMigrationFault", `Replication group ${g.id} is already under migration.`);
  requireStatus(g, "available");
  const sources = await checkMigration(g, ep);
  if (sources) {
    await detachForMigration(c.ctx, g, sources);
    g.migration = { ...ep, sources };
    g.status = "migrating";
    event(c, g, `Migration started for ${g.id} from ${ep.address}:${ep.port} (${sources.length} shards)`);
    return renderGroup(g, c.ctx.region);
  }
  const faults = c.ctx.faults;
  // A stalled link goes through a relay that holds every byte until the fault is removed.
  const proxy = faults.find("stall-replication", g.id)
    ? await startLinkProxy({ host: ep.address, port: ep.port }, () => !!faults.find("stall-replication", g.id))
    : undefined;
  const primary = primaryOf(g.shards[0]);
  await labCall(c.ctx.redis(primary.redis.port), "REPLICAOF", proxy?.host ?? ep.address, proxy?.port ?? ep.port);
  g.migration = { ...ep, proxy };
  g.status = "migrating";
  event(c, g, `Migration started for ${g.id} from ${ep.address}:${ep.port}`);
  return renderGroup(g, c.ctx.region);
};

export const completeMigration: EcHandler = async (c) => {
  const g = findGroup(c, c.params.required("ReplicationGroupId"));
  const force = c.params.bool("Force") ?? false;
  if (g.status !== "migrating" || !g.migration) {
    throw new ApiError("ReplicationGroupNotUnderMigrationFault", `Replication group ${g.id} is not under migration.`);
  }
  if (g.migration.completing) throw new ApiError("InvalidReplicationGroupState", `Migration of ${g.id} is already completing.`);
  if (!force) await requireInSync(c, g);
  g.migration.completing = true;
  const slow = c.ctx.faults.find("slow-promotion", g.id)?.ms ?? 0;
  c.ctx.later(c.ctx.delays.complete + slow, async () => {
    if (!g.migration) return;
    if (c.ctx.faults.find("failed-promotion", g.id)) {
      g.migration.completing = false;
      event(c, g, `Complete Migration failed for ${g.id}: the primary could not be promoted. Retry CompleteMigration or use Force.`);
      return;
    }
    const m = g.migration;
    const sources = m.sources ?? [{ host: m.address, port: m.port }];
    if (!force) {
      // Clients stop writing to the old primary first, and the last writes drain to the target.
      for (const hook of c.ctx.cutoverHooks) await hook({ address: m.address, port: m.port });
      await Promise.all(g.shards.map((s, i) => drainReplication(c, sources[i], c.ctx.redis(primaryOf(s).redis.port))));
      if (!g.migration) return; // aborted while clients were switching
    }
    if (g.clusterEnabled) await rejoinCluster(c.ctx, g);
    else await labCall(c.ctx.redis(primaryOf(g.shards[0]).redis.port), "REPLICAOF", "NO", "ONE");
    g.migration.proxy?.close();
    g.migration = undefined;
    g.status = "available";
    event(c, g, force ? `Migration stopped (forced) for ${g.id}` : `Complete Migration successful for ${g.id}`);
  });
  return renderGroup(g, c.ctx.region);
};

async function requireInSync(c: EcCall, g: Group): Promise<void> {
  for (const shard of g.shards) {
    const info = await c.ctx.redis(primaryOf(shard).redis.port).info("replication");
    const up = /master_link_status:up/.test(info);
    const syncing = /master_sync_in_progress:1/.test(info);
    if (!up || syncing) {
      const which = g.clusterEnabled ? ` (node group ${shard.nodeGroupId})` : "";
      throw new ApiError(
        "InvalidReplicationGroupState",
        `Replication group ${g.id}${which} is not in sync with the customer node (master_link_status:${up ? "up" : "down"}, sync in progress: ${syncing ? "yes" : "no"}).`,
      );
    }
  }
}

/** Waits (at most 2 s) until the target has applied everything the source has written. */
async function drainReplication(c: EcCall, source: { host: string; port: number }, target: ReturnType<EcCall["ctx"]["redis"]>): Promise<void> {
  if (source.host !== "127.0.0.1" && source.host !== "localhost") return;
  const src = c.ctx.redis(source.port);
  const offset = (info: string, field: string) => Number(new RegExp(`${field}:(\\d+)`).exec(info)?.[1] ?? NaN);
  const deadline = Date.now() + 2000;
  while (Date.now() < deadline) {
    const [s, t] = await Promise.all([src.info("replication"), target.info("replication")]);
    if (offset(t, "slave_repl_offset") >= offset(s, "master_repl_offset")) return;
    await new Promise((r) => setTimeout(r, 50));
  }
}
