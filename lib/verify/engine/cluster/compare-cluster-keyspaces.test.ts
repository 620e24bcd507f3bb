import { afterAll, beforeAll, describe, expect, it } from "vitest";
import Redis from "ioredis";
import { startRedisCluster, type RedisCluster } from "@/lab/redis-cluster";
import { startRedis, type RedisProcess } from "@/lab/redis-process";
import { ClusterRouter } from "@/lib/redis/cluster/cluster-router";
import { keySlot } from "@/lib/redis/cluster/key-slot";
import { compareClusterKeyspaces } from "./compare-cluster-keyspaces";
import type { TShardProgress } from "./cluster-verify-types";

type Writer = { call(command: string, key: string, ...args: (string | number)[]): Promise<unknown> };
const N = 3000;

/** The same dataset on every end: strings, hashes, lists, sets, sorted sets, some with a TTL. */
async function seed(w: Writer): Promise<void> {
  for (let i = 0; i < N; i += 200) {
    await Promise.all(Array.from({ length: Math.min(200, N - i) }, async (_, j) => {
      const k = i + j;
      switch (k % 5) {
        case 0: await w.call("SET", `s:${k}`, `value-${k}`); break;
        case 1: await w.call("HSET", `h:${k}`, "a", k, "b", `x${k}`); break;
        case 2: await w.call("RPUSH", `l:${k}`, "1", "2", String(k)); break;
        case 3: await w.call("SADD", `{tag${k % 7}}:set:${k}`, "m1", "m2"); break;
        default: await w.call("ZADD", `z:${k}`, 1, "a", k, "b");
      }
      if (k % 10 === 0) await w.call("PEXPIRE", keyOf(k), 600_000);
    }));
  }
}
const keyOf = (k: number) => [`s:${k}`, `h:${k}`, `l:${k}`, `{tag${k % 7}}:set:${k}`, `z:${k}`][k % 5];

let three: RedisCluster;
let two: RedisCluster;
let single: RedisProcess;
let writers: { close(): void }[] = [];
const ep = (port: number) => ({ host: "127.0.0.1", port });

beforeAll(async () => {
  [three, two, single] = await Promise.all([
    startRedisCluster({ shards: 3, replicasPerShard: 0, name: "v3" }),
    startRedisCluster({ shards: 2, replicasPerShard: 0, name: "v2" }),
    startRedis({ name: "v1" }),
  ]);
  const r3 = await ClusterRouter.open({ seed: three.seed, role: "target" });
  const r2 = await ClusterRouter.open({ seed: two.seed, role: "target" });
  const s = new Redis({ port: single.port, host: "127.0.0.1" });
  writers = [r3, r2, { close: () => s.disconnect() }];
  await Promise.all([seed(r3), seed(r2), seed(s as unknown as Writer)]);
}, 120_000);
afterAll(async () => {
  for (const w of writers) w.close();
  await Promise.all([three?.stop(), two?.stop(), single?.stop()]);
});

const quick = { rounds: 1, roundDelayMs: 0, reverse: true } as const;

describe("verification across cluster layouts", () => {
  it("3 shards -> 2 shards: every key compared once, looked up on the shard owning its slot, 0 false mismatches, progress per source shard", async () => {
    const seen: TShardProgress[][] = [];
    const r = await compareClusterKeyspaces({ ...quick, source: three.seed, target: two.seed, onShardProgress: (p) => seen.push(p) });
    expect(r.mismatches).toEqual([]);
    expect(r.keysCompared).toBe(N);
    expect(r.extraKeysScanned).toBe(N);
    expect(r.layout).toEqual({ source: "cluster", target: "cluster", sourceShards: 3, targetShards: 2, pairs: 4 });
    expect(r.shards.map((s) => s.targets.length)).toEqual([1, 2, 1]);
    expect(r.shards.reduce((k, s) => k + s.keysCompared, 0)).toBe(N);
    expect(r.counts).toEqual([expect.objectContaining({ db: 0, sourceKeys: N, targetKeys: N, keysAgree: true })]);
    const last = seen[seen.length - 1];
    expect(last.map((p) => p.source)).toEqual(three.shards.map((s) => `127.0.0.1:${s.primary.port}`));
    expect(last.every((p) => p.phase === "done" && p.keysDone === p.keysTotal && p.keysTotal > 0)).toBe(true);
  });

  it("cluster -> single node and single node -> cluster: 0 false mismatches", async () => {
    const toSingle = await compareClusterKeyspaces({ ...quick, source: three.seed, target: ep(single.port) });
    expect([toSingle.mismatchCount, toSingle.keysCompared, toSingle.extraKeysScanned, toSingle.layout.pairs]).toEqual([0, N, N, 3]);
    const fromSingle = await compareClusterKeyspaces({ ...quick, source: ep(single.port), target: three.seed });
    expect([fromSingle.mismatchCount, fromSingle.keysCompared, fromSingle.extraKeysScanned, fromSingle.layout.pairs]).toEqual([0, N, N, 3]);
    expect(fromSingle.shards).toHaveLength(1);
    expect(fromSingle.shards[0].targets).toHaveLength(3);
  });

  it("finds a missing, an extra, a changed value and a changed TTL on each source shard, attributed to that shard", async () => {
    const t = await ClusterRouter.open({ seed: two.seed, role: "target" });
    const expected: string[] = [];
    try {
      for (const [i, shard] of three.shards.entries()) {
        const mine = Array.from({ length: N }, (_, k) => k).filter((k) => k % 5 === 0 && k % 10 !== 0 && keySlot(keyOf(k)) >= shard.slots[0] && keySlot(keyOf(k)) <= shard.slots[1]);
        const [missing, value, ttl] = mine.map(keyOf);
        await t.call("DEL", missing);
        await t.call("SET", value, "changed");
        await t.call("PEXPIRE", ttl, 5_000_000);
        const extra = Array.from({ length: 1000 }, (_, k) => `extra:${k}`).find((k) => keySlot(k) >= shard.slots[0] && keySlot(k) <= shard.slots[1])!;
        await t.call("SET", extra, "only here");
        expected.push(`${i} ${missing} MISSING`, `${i} ${value} VALUE`, `${i} ${ttl} TTL`, `${i} ${extra} EXTRA`);
      }
      const r = await compareClusterKeyspaces({ ...quick, source: three.seed, target: two.seed });
      const shardOf = (key: string) => three.shards.findIndex((s) => keySlot(key) >= s.slots[0] && keySlot(key) <= s.slots[1]);
      expect(r.mismatches.map((m) => `${shardOf(m.keyDisplay)} ${m.keyDisplay} ${m.status}`).sort()).toEqual(expected.sort());
      expect(r.shards.map((s) => [s.mismatchCount, s.totals.MISSING, s.totals.VALUE, s.totals.TTL, s.totals.EXTRA])).toEqual([[4, 1, 1, 1, 1], [4, 1, 1, 1, 1], [4, 1, 1, 1, 1]]);
    } finally {
      t.close();
    }
  });

  it("leaves out a source slot being resharded, naming it, and compares every other key", async () => {
    // The earlier test changed `two`; `three` and the single node still hold the same keys.
    const slot = keySlot(keyOf(5));
    const owner = three.shards.findIndex((s) => slot >= s.slots[0] && slot <= s.slots[1]);
    const a = new Redis({ host: "127.0.0.1", port: three.shards[owner].primary.port });
    const b = new Redis({ host: "127.0.0.1", port: three.shards[(owner + 1) % 3].primary.port });
    const inSlot = Array.from({ length: N }, (_, k) => keyOf(k)).filter((k) => keySlot(k) === slot).length;
    try {
      await a.call("CLUSTER", "SETSLOT", slot, "MIGRATING", String(await b.call("CLUSTER", "MYID")));
      const r = await compareClusterKeyspaces({ ...quick, reverse: false, source: three.seed, target: ep(single.port) });
      expect(r.skippedSlots).toBe(String(slot));
      expect(r.notes.join(" ")).toMatch(new RegExp(`Source slots ${slot} were being resharded`));
      expect(inSlot).toBeGreaterThan(0);
      expect([r.mismatchCount, r.keysCompared]).toEqual([0, N - inSlot]);
    } finally {
      await a.call("CLUSTER", "SETSLOT", slot, "STABLE");
      a.disconnect();
      b.disconnect();
    }
  });
});
