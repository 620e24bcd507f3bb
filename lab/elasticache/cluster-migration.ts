import fs from "node:fs";
import path from "node:path";
import { pollUntil } from "../../test/test-helpers/poll-until";
import type { LabContext } from "../context";
import { clusterNodeArgs } from "../redis-cluster";
import { startRedis } from "../redis-process";
import { clusterGroupNodeArgs, LAB_CLUSTER_NODE_TIMEOUT_MS } from "./cluster-group-nodes";
import type { ShardSource } from "./cluster-migration-sources";
import { NODE_ARGS } from "./group-nodes";
import { applyParameterGroup } from "./parameter-groups";
import { elastiCacheNodeArgs, labCall } from "./refused-commands";
import { primaryOf, type Group, type Member } from "./state";

/*
 * Redis refuses REPLICAOF in cluster mode, and a cluster node with `replicaof` in its config
 * exits, so no real cluster node can replicate an outsider. The lab therefore takes the group's
 * nodes out of the cluster for the migration (each restarted on the SAME port, as a plain node:
 * the shard's primary a replica of the source primary owning its slots, its replicas replicas of
 * it) and puts them back on completion (the primary's data saved, every node restarted in cluster
 * mode with its own nodes.conf, the replicas re-syncing). INFO replication on a primary then reads
 * exactly as Ferry reads it on AWS. lab/README.md lists what differs.
 */

const confDir = (ctx: LabContext, g: Group) => path.join(ctx.dir, "cluster-conf", g.id);

/** Stops every node of the group, keeping each one's nodes.conf (and primaries' data when `save`). */
async function stopKeeping(ctx: LabContext, g: Group, save: boolean): Promise<void> {
  const dir = confDir(ctx, g);
  fs.mkdirSync(dir, { recursive: true });
  for (const shard of g.shards) {
    const primary = primaryOf(shard);
    if (save) {
      await labCall(ctx.redis(primary.redis.port), "REPLICAOF", "NO", "ONE");
      await labCall(ctx.redis(primary.redis.port), "SAVE");
      fs.copyFileSync(path.join(primary.redis.dir, "dump.rdb"), path.join(dir, `${primary.clusterId}.rdb`));
    }
    for (const m of shard.members) {
      if (!save) fs.copyFileSync(path.join(m.redis.dir, "nodes.conf"), path.join(dir, `${m.clusterId}.conf`));
    }
  }
  await Promise.all(g.shards.flatMap((s) => s.members).map(async (m) => {
    ctx.dropRedis(m.redis.port);
    await m.redis.stop();
  }));
}

const restart = async (ctx: LabContext, m: Member, args: string[], files?: { rdbFile?: string; nodesConf?: string }) => {
  m.redis = await startRedis({
    name: m.clusterId, baseDir: path.join(ctx.dir, "nodes"), port: m.redis.port, args, rdbFile: files?.rdbFile,
    files: files?.nodesConf ? { "nodes.conf": files.nodesConf } : undefined,
  });
};

/** StartMigration on a cluster-mode group: each shard's primary becomes a replica of `sources[i]`. */
export async function detachForMigration(ctx: LabContext, g: Group, sources: ShardSource[]): Promise<void> {
  await stopKeeping(ctx, g, false);
  for (const [i, shard] of g.shards.entries()) {
    const primary = primaryOf(shard);
    await restart(ctx, primary, [...NODE_ARGS, ...elastiCacheNodeArgs("primary"), "--replicaof", sources[i].host, String(sources[i].port)]);
    for (const m of shard.members.filter((x) => x !== primary)) {
      await restart(ctx, m, [...NODE_ARGS, ...elastiCacheNodeArgs("replica"), "--replicaof", "127.0.0.1", String(primary.redis.port)]);
    }
  }
  await applyParameterGroup(ctx, g);
}

/** CompleteMigration: every node back in the cluster with the migrated data, ready when the cluster is. */
export async function rejoinCluster(ctx: LabContext, g: Group): Promise<void> {
  await stopKeeping(ctx, g, true);
  const dir = confDir(ctx, g);
  for (const shard of g.shards) {
    const primary = primaryOf(shard);
    for (const m of shard.members) {
      await restart(ctx, m, clusterNodeArgs(m.busPort!, { args: clusterGroupNodeArgs(), nodeTimeoutMs: LAB_CLUSTER_NODE_TIMEOUT_MS }), {
        nodesConf: path.join(dir, `${m.clusterId}.conf`),
        rdbFile: m === primary ? path.join(dir, `${m.clusterId}.rdb`) : undefined,
      });
    }
  }
  const members = g.shards.flatMap((s) => s.members);
  const replicas = g.shards.flatMap((s) => s.members.filter((m) => m !== primaryOf(s)));
  await pollUntil(`${g.id}: cluster_state:ok on every node and every replica in sync`, async () => {
    const states = await Promise.all(members.map((m) => ctx.redis(m.redis.port).call("CLUSTER", "INFO").then(String, () => "")));
    const links = await Promise.all(replicas.map((m) => ctx.redis(m.redis.port).info("replication").catch(() => "")));
    return states.every((s) => /cluster_state:ok/.test(s)) && links.every((l) => /master_link_status:up/.test(l));
  }, { timeoutMs: 30_000 });
  await applyParameterGroup(ctx, g);
  fs.rmSync(dir, { recursive: true, force: true });
}
