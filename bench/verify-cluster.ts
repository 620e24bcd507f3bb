/**
 * Verification across a Redis Cluster against one shard's figure measured in the same run.
 *   npx tsx bench/verify-cluster.ts [--keys-per-shard N] [--shards N]
 * First one node: N mixed keys (bench/verify-load.ts), copied to a target by REPLICAOF, verified
 * with compareKeyspaces (full value, 1 round). Then a source and a target cluster of `shards`
 * primaries holding shards x N keys (each key written to the primary owning its slot, on both
 * ends: cluster nodes refuse REPLICAOF), verified with compareClusterKeyspaces. Prints both keys/s,
 * the ratio cluster / single (the ceiling: what one shard does alone on this machine) and the load.
 */
import { execFileSync, spawnSync } from "node:child_process";

if (!process.execArgv.some((a) => a.includes("react-server"))) {
  const r = spawnSync(process.execPath, [...process.execArgv, "--conditions=react-server", ...process.argv.slice(1)], { stdio: "inherit" });
  process.exit(r.status ?? 1);
}

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}

async function main() {
  const { startRedis, stopAllRedis } = await import("../lab/redis-process");
  const { startRedisCluster } = await import("../lab/redis-cluster");
  const { compareKeyspaces } = await import("../lib/verify/engine/compare-keyspaces");
  const { compareClusterKeyspaces } = await import("../lib/verify/engine/cluster/compare-cluster-keyspaces");
  const { RespConnection } = await import("../lib/verify/engine/resp-connection");
  const { copyByReplication, loadMixedKeys } = await import("./verify-load");
  const { loadClusterKeys } = await import("./verify-cluster-load");
  const perShard = arg("keys-per-shard", 1_000_000);
  const shardCount = arg("shards", 3);
  console.log(`uptime before: ${execFileSync("uptime").toString().trim()}`);
  try {
    // One node, measured before and after the cluster run: the machine's load moves in between.
    const measureSingle = async (when: string) => {
      const [source, target] = await Promise.all([
        startRedis({ name: "bench-src", args: ["--repl-diskless-sync-delay", "0"] }),
        startRedis({ name: "bench-tgt" }),
      ]);
      const conn = await RespConnection.open({ host: source.host, port: source.port, replyTimeoutMs: 60_000 });
      await loadMixedKeys(conn, perShard);
      conn.close();
      await copyByReplication(source, target, perShard);
      const r = await compareKeyspaces({ source: { endpoint: { host: source.host, port: source.port }, readOnly: true }, target: { endpoint: { host: target.host, port: target.port } }, mode: "full", rounds: 1 });
      console.log(`one node (${when}): ${r.keysCompared} keys, ${r.keysPerSec} keys/s over ${r.scanMs} ms, mismatches ${r.mismatchCount}; ${execFileSync("uptime").toString().trim()}`);
      await Promise.all([source.stop(), target.stop()]);
      return r;
    };
    const before = await measureSingle("before");

    const [src, tgt] = await Promise.all([
      startRedisCluster({ shards: shardCount, replicasPerShard: 0, name: "bench-csrc" }),
      startRedisCluster({ shards: shardCount, replicasPerShard: 0, name: "bench-ctgt" }),
    ]);
    let t = Date.now();
    const expireAt = Date.now();
    await Promise.all([loadClusterKeys(src, shardCount * perShard, expireAt), loadClusterKeys(tgt, shardCount * perShard, expireAt)]);
    console.log(`loaded ${shardCount * perShard} keys into each cluster in ${Date.now() - t} ms`);
    t = Date.now();
    const cluster = await compareClusterKeyspaces({ source: src.seed, target: tgt.seed, mode: "full", rounds: 1 });
    const wall = Date.now() - t;
    const wallRate = Math.round((cluster.keysCompared / wall) * 1000);
    console.log(`cluster ${shardCount} -> ${shardCount}: ${cluster.keysCompared} keys, ${cluster.keysPerSec} keys/s (slowest shard's scan ${cluster.scanMs} ms), ${wallRate} keys/s over the wall ${wall} ms, mismatches ${cluster.mismatchCount}`);
    for (const s of cluster.shards) console.log(`  shard ${s.source} slots ${s.slots}: ${s.keysCompared} keys in ${s.scanMs} ms`);
    console.log(`uptime after the cluster run: ${execFileSync("uptime").toString().trim()}`);
    await Promise.all([src.stop(), tgt.stop()]);
    const after = await measureSingle("after");
    const single = (before.keysPerSec + after.keysPerSec) / 2;
    console.log(`ratio cluster keys/s (wall) / one node keys/s (mean of before and after) = ${(wallRate / single).toFixed(2)} (${shardCount} shards; one Node.js thread verifies every shard)`);
    process.exitCode = cluster.mismatchCount === 0 && before.mismatchCount === 0 && after.mismatchCount === 0 ? 0 : 1;
  } finally {
    await stopAllRedis();
  }
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
