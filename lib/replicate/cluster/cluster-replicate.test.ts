import { afterAll, beforeAll, describe, expect, it } from "vitest";
import Redis from "ioredis";
import { startRedisCluster, type RedisCluster } from "@/lab/redis-cluster";
import { startRedis, type RedisProcess } from "@/lab/redis-process";
import { pollUntil } from "@/test/test-helpers/poll-until";
import { ClusterRouter } from "@/lib/redis/cluster/cluster-router";
import { compareClusterKeyspaces } from "@/lib/verify/engine/cluster/compare-cluster-keyspaces";
import { HEALTH_INTERVAL_MS } from "../source-health";
import { TEST_OPTIONS } from "../test-helpers/replication-pair";
import type { Replicator, TReplicationCheckpoint, TReplicationEvent, TReplicationOptions } from "../types";
import { TOPOLOGY_INTERVAL_MS } from "./create-cluster-replicator";
import { emptyTarget } from "../empty-target";
import { openReplicatorForEnds } from "./open-replicator-for-ends";

const NOTIFY = ["--notify-keyspace-events", "KEA"];
// A failover is seen within a topology interval; its repair starts on a health tick after the new subscriber listens.
const SETTLE_MS = 30 * Math.max(TOPOLOGY_INTERVAL_MS, HEALTH_INTERVAL_MS);

let source: RedisCluster;
let twoShards: RedisCluster;
let single: RedisProcess;
let writer: ClusterRouter;
const running: Replicator[] = [];

beforeAll(async () => {
  [source, twoShards, single] = await Promise.all([
    startRedisCluster({ shards: 3, replicasPerShard: 1, name: "rsrc", args: NOTIFY }),
    startRedisCluster({ shards: 2, replicasPerShard: 0, name: "rtgt" }),
    startRedis({ name: "rsingle" }),
  ]);
  writer = await ClusterRouter.open({ seed: source.seed, role: "target" });
  await writes(0, 3_000);
  for (let i = 0; i < 6; i++) {
    await call("XADD", `st:${i}`, "*", "f", i);
    await call("XGROUP", "CREATE", `st:${i}`, "g", "0");
  }
}, 120_000);

afterAll(async () => {
  await Promise.all(running.map((r) => r.stop()));
  writer?.close();
  await Promise.all([source?.stop(), twoShards?.stop(), single?.stop()]);
});

/**
 * One write through the test's cluster client. On a loaded machine a node can miss the cluster's
 * node timeout and its replica take over unasked; a client then retries on the new topology.
 */
async function call(command: string, key: string, ...args: (string | number)[]): Promise<unknown> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await writer.call(command, key, ...args);
    } catch (err) {
      if (attempt >= 50) throw err;
      await new Promise((r) => setTimeout(r, TOPOLOGY_INTERVAL_MS / 4));
      await writer.refresh().catch(() => {});
    }
  }
}

/** Mixed types, hash tags, TTLs, overwrites and deletes of earlier keys: what live traffic looks like. */
async function writes(from: number, to: number): Promise<void> {
  for (let i = from; i < to; i += 100) {
    await Promise.all(Array.from({ length: Math.min(100, to - i) }, async (_, j) => {
      const k = i + j;
      switch (k % 5) {
        case 0: await call("SET", `s:${k}`, `v${k}`, "PX", 600_000); break;
        case 1: await call("HSET", `h:${k % 700}`, `f${k}`, k); break;
        case 2: await call("RPUSH", `{t${k % 9}}:l`, k); break;
        case 3: await (k % 10 === 3 ? call("DEL", `s:${k - 3}`) : call("SET", `s:${k}`, `v${k}`)); break;
        default: await call("ZADD", `z:${k % 500}`, k, `m${k}`);
      }
    }));
  }
}

function start(target: { host: string; port: number }, events: TReplicationEvent[], options: Partial<TReplicationOptions> = {}, resume?: { checkpoint?: TReplicationCheckpoint; saved?: TReplicationCheckpoint[] }): Promise<Replicator> {
  return openReplicatorForEnds({
    checkpoint: resume?.checkpoint,
    source: { redis: source.seed, label: "source cluster" },
    target: { redis: target, label: "target" },
    options: { ...TEST_OPTIONS, ...options },
    onCheckpoint: async (cp) => void resume?.saved?.push(cp),
    onEvent: (e) => void events.push(e),
  }).then((r) => (running.push(r), r));
}

async function differences(target: { host: string; port: number }): Promise<number> {
  const r = await compareClusterKeyspaces({ source: source.seed, target, rounds: 1, reverse: true });
  return r.mismatchCount;
}

describe("key-level replication with clusters", () => {
  it("3-shard cluster -> 2-shard cluster under writes, through a source shard failover, ends with 0 differences", async () => {
    const events: TReplicationEvent[] = [];
    const replicator = await start(twoShards.seed, events);
    await replicator.start();
    const load = writes(3_000, 6_000);
    expect(await replicator.drain(SETTLE_MS)).toBe(true);
    await load;

    // A replica of the second shard takes over; writes keep arriving while Ferry follows.
    const [shard] = source.shards.slice(1, 2);
    const replica = new Redis({ host: "127.0.0.1", port: shard.replicas[0].port });
    try {
      await replica.call("CLUSTER", "FAILOVER");
      await pollUntil("the replica promoted", async () => /role:master/.test(await replica.info("replication")), { timeoutMs: SETTLE_MS });
    } finally {
      replica.disconnect();
    }
    await writer.refresh();
    await writes(6_000, 9_000);
    await pollUntil("the failover followed", async () => events.some((e) => e.kind === "reconnect" && e.message.includes(`127.0.0.1:${shard.replicas[0].port}`)), { timeoutMs: SETTLE_MS });
    await writes(9_000, 10_000);
    expect(await replicator.drain(SETTLE_MS)).toBe(true);

    expect(events.map((e) => e.kind)).toEqual(expect.arrayContaining(["subscribed", "initial-copy-done", "reconnect", "repair-finished"]));
    expect(await differences(twoShards.seed)).toBe(0);
    const stats = replicator.stats();
    expect(stats.initialCopy.done).toBe(true);
    expect(stats.repairs).toBeGreaterThanOrEqual(1);
    // The monitor's row per source primary: the failed-over shard now reads its new primary, having followed once.
    const rows = new Map(stats.shards!.map((r) => [r.slots, r]));
    expect(rows.size).toBe(3);
    expect(rows.get(`${shard.slots[0]}-${shard.slots[1]}`)).toMatchObject({ primary: `127.0.0.1:${shard.replicas[0].port}`, follows: 1, subscribed: true });
    expect([...rows.values()].map((r) => r.follows).sort()).toEqual([0, 0, 1]);
    const sample = await replicator.sampleCompare(300);
    expect(sample.compared).toBeGreaterThan(100); // RANDOMKEY repeats: distinct keys are fewer than asked
    expect(sample.differences).toBe(0);
    await replicator.stop();
  }, 180_000);

  it("3-shard cluster -> single node, stopped and resumed from its checkpoint: each shard resumes, the downtime is repaired, 0 differences", async () => {
    const target = { host: "127.0.0.1", port: single.port };
    const events: TReplicationEvent[] = [];
    const saved: TReplicationCheckpoint[] = [];
    const first = await start(target, events, {}, { saved });
    await first.start();
    await writes(10_000, 12_000);
    expect(await first.drain(SETTLE_MS)).toBe(true);
    expect(events.filter((e) => e.kind === "subscribed")).toHaveLength(3);
    expect(await differences(target)).toBe(0);
    await first.stop();

    const checkpoint = saved.at(-1)!;
    expect(Object.keys(checkpoint.shards ?? {})).toHaveLength(3);
    expect(checkpoint.phase).toBe("live");
    await writes(12_000, 13_000); // nobody listens: these events are lost
    const again: TReplicationEvent[] = [];
    const second = await start(target, again, {}, { checkpoint });
    await second.start();
    expect(await second.drain(SETTLE_MS)).toBe(true);
    expect(again.filter((e) => e.kind === "repair-finished")).toHaveLength(3);
    expect(again.some((e) => e.kind === "initial-copy-done")).toBe(false); // no shard copied everything again
    expect(await differences(target)).toBe(0);
    await second.stop();
  }, 120_000);

  it("type by type into a cluster (XGROUP, the temp key's RENAME, multi-key DELs routed by slot): 0 differences", async () => {
    await emptyTarget({ redis: twoShards.seed, label: "two" }, "two"); // every primary, not only the seed
    const left = await Promise.all(twoShards.shards.map(async (sh) => {
      const c = new Redis({ host: "127.0.0.1", port: sh.primary.port });
      return c.dbsize().finally(() => c.disconnect());
    }));
    expect(left).toEqual([0, 0]);
    const events: TReplicationEvent[] = [];
    const replicator = await start(twoShards.seed, events, { copyMode: "type-level" });
    await replicator.start();
    await writes(13_000, 14_000);
    expect(await replicator.drain(SETTLE_MS)).toBe(true);
    expect(await differences(twoShards.seed)).toBe(0);
    expect(replicator.stats().copyMode).toBe("type-level");
    await replicator.stop();
  }, 120_000);

  it("the seed's primary killed -9: its replica takes over, Ferry reads the topology from another node and follows, 0 differences", async () => {
    const events: TReplicationEvent[] = [];
    const replicator = await start(twoShards.seed, events);
    await replicator.start();
    expect(await replicator.drain(SETTLE_MS)).toBe(true);

    const [shard] = source.shards;
    const alive = { host: "127.0.0.1" as const, port: source.shards[2].primary.port };
    process.kill(shard.primary.pid, "SIGKILL");
    const replica = new Redis({ host: "127.0.0.1", port: shard.replicas[0].port });
    try {
      // Promotion waits for the cluster's node timeout (CLUSTER_NODE_TIMEOUT_MS); SETTLE_MS is far above it.
      await pollUntil("the replica promoted", async () => /role:master/.test(await replica.info("replication")), { timeoutMs: SETTLE_MS });
    } finally {
      replica.disconnect();
    }
    writer.close();
    // Other nodes learn of the promotion by gossip: until then a topology read still names the dead primary.
    writer = await pollUntil("every node to know the new primary", () => ClusterRouter.open({ seed: alive, role: "target" }).catch(() => null), { timeoutMs: SETTLE_MS });
    await writes(14_000, 15_000);
    await pollUntil("the failover followed", async () => events.some((e) => e.kind === "reconnect" && e.message.includes(`127.0.0.1:${shard.replicas[0].port}`)), { timeoutMs: SETTLE_MS });
    await writes(15_000, 16_000);
    expect(await replicator.drain(SETTLE_MS)).toBe(true);
    const r = await compareClusterKeyspaces({ source: alive, target: twoShards.seed, rounds: 1, reverse: true });
    expect(r.mismatchCount).toBe(0);
    expect(r.keysCompared).toBeGreaterThan(1_000);
    await replicator.stop();
  }, 120_000);
});
