import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startRedisCluster, type RedisCluster } from "../../lab/redis-cluster";
import { captureBaseline } from "./baseline";
import { ClusterRouter } from "./cluster/cluster-router";
import { keySlot } from "./cluster/key-slot";
import { connectRedis } from "./connect";
import { diffBaselines } from "./diff-baselines";

const N = 900;
let three: RedisCluster;
let two: RedisCluster;

beforeAll(async () => {
  [three, two] = await Promise.all([
    startRedisCluster({ shards: 3, replicasPerShard: 1, name: "bl3" }),
    startRedisCluster({ shards: 2, replicasPerShard: 0, name: "bl2" }),
  ]);
  for (const c of [three, two]) {
    const r = await ClusterRouter.open({ seed: c.seed, role: "target" });
    await Promise.all(Array.from({ length: N }, (_, i) => r.call("SET", `k:${i}`, "v")));
    r.close();
  }
}, 120_000);
afterAll(() => Promise.all([three?.stop(), two?.stop()]));

const baselineOf = async (port: number) => {
  const c = await connectRedis({ host: "127.0.0.1", port }, { role: "source" });
  try {
    return await captureBaseline(c, { sampleSize: 50 });
  } finally {
    c.disconnect();
  }
};

describe("baselines of a cluster, per shard", () => {
  it("captured through any node (a replica here): every shard's keys, memory and replicas, and the end's totals", async () => {
    const b = await baselineOf(three.shards[1].replicas[0].port);
    expect(b.totalKeys).toBe(N);
    expect(b.shards?.map((s) => s.slots)).toEqual(three.shards.map((s) => `${s.slots[0]}-${s.slots[1]}`));
    const inShard = (s: RedisCluster["shards"][number]) => Array.from({ length: N }, (_, i) => keySlot(`k:${i}`)).filter((x) => x >= s.slots[0] && x <= s.slots[1]).length;
    expect(b.shards?.map((s) => s.totalKeys)).toEqual(three.shards.map(inShard));
    expect(b.shards?.every((s) => s.error === null && s.replicas.length === 1 && (s.usedMemory ?? 0) > 0)).toBe(true);
    expect(b.memory.used).toBe(b.shards!.reduce((n, s) => n + s.usedMemory!, 0));
  });

  it("side by side: same split -> per-shard key rows must match; another split is shown, not judged", async () => {
    const [a, again, other] = await Promise.all([baselineOf(three.seed.port), baselineOf(three.shards[2].primary.port), baselineOf(two.seed.port)]);
    const same = diffBaselines(a, again).filter((r) => r.path.startsWith("shards."));
    expect(same.filter((r) => r.path.endsWith(".keys")).map((r) => r.status)).toEqual(["same", "same", "same"]);
    const across = diffBaselines(a, other);
    expect(across.find((r) => r.path === "shards.count")).toMatchObject({ a: 3, b: 2, status: "expected-diff" });
    expect(across.find((r) => r.path === "totalKeys")).toMatchObject({ a: N, b: N, status: "same" });
    expect(across.filter((r) => r.path.startsWith("shards.") && r.path.endsWith(".keys")).every((r) => r.status === "expected-diff")).toBe(true);
  });
});
