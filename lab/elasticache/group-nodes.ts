import { startRedis } from "../redis-process";
import type { LabContext } from "../context";
import { startClusterGroupNodes } from "./cluster-group-nodes";
import { seedClusterFromRdbs } from "./seed-cluster-from-rdbs";
import { applyParameterGroup } from "./parameter-groups";
import { elastiCacheNodeArgs, labCall } from "./refused-commands";
import { allMembers, type Group, type Member } from "./state";

const AZS = ["a", "b", "c"];

/** Node args every lab node gets: full syncs start at once instead of after Redis's 5 s diskless delay. */
export const NODE_ARGS = ["--repl-diskless-sync-delay", "0", "--databases", "16"];

/** Member cluster ids the way AWS names them: `<rg>-001` (cluster mode off), `<rg>-0001-001` (on). */
export function memberIdsFor(id: string, shards: number, nodesPerShard: number, clusterEnabled: boolean): string[][] {
  return Array.from({ length: shards }, (_, s) =>
    Array.from({ length: nodesPerShard }, (_, n) =>
      clusterEnabled
        ? `${id}-${String(s + 1).padStart(4, "0")}-${String(n + 1).padStart(3, "0")}`
        : `${id}-${String(n + 1).padStart(3, "0")}`,
    ),
  );
}

/**
 * Starts the real redis-servers behind a group: per node group a primary (seeded from its RDB
 * when given) and replicas that REPLICAOF it. Fills `g.shards[].members` as nodes come up.
 */
export async function startGroupNodes(ctx: LabContext, g: Group, ids: string[][], seeds: (string | undefined)[]): Promise<void> {
  if (g.clusterEnabled) {
    await startClusterGroupNodes(ctx, g, ids);
    const rdbs = seeds.filter((s): s is string => !!s);
    if (rdbs.length && !ctx.isStopped) await seedClusterFromRdbs(ctx, g, rdbs);
  } else await startPlainNodes(ctx, g, ids, seeds);
  if (ctx.isStopped) return;
  const info = await ctx.redis(g.shards[0].members[0].redis.port).info("server");
  g.engineVersion = info.match(/redis_version:(\S+)/)?.[1] ?? g.engineVersion;
  await applyParameterGroup(ctx, g);
}

async function startPlainNodes(ctx: LabContext, g: Group, ids: string[][], seeds: (string | undefined)[]): Promise<void> {
  for (const [s, shard] of g.shards.entries()) {
    // Assigned up front so that a lab stopping mid-boot still finds and stops these nodes.
    const members: Member[] = (shard.members = []);
    for (const [n, clusterId] of ids[s].entries()) {
      const redis = await startRedis({
        name: clusterId,
        baseDir: `${ctx.dir}/nodes`,
        args: [...NODE_ARGS, ...elastiCacheNodeArgs(n === 0 ? "primary" : "replica")],
        rdbFile: n === 0 ? seeds[s] : undefined,
      });
      if (ctx.isStopped) {
        await redis.stop();
        return;
      }
      members.push({ clusterId, role: n === 0 ? "primary" : "replica", az: `${ctx.region}${AZS[n % 3]}`, redis, createdAt: new Date() });
      if (n > 0) await labCall(ctx.redis(redis.port), "REPLICAOF", "127.0.0.1", members[0].redis.port);
    }
  }
}

export async function stopGroupNodes(ctx: LabContext, g: Group): Promise<void> {
  g.migration?.proxy?.close();
  for (const m of allMembers(g)) {
    ctx.dropRedis(m.redis.port);
    await m.redis.stop();
  }
}
