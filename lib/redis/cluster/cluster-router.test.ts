import { afterAll, beforeAll, describe, expect, it } from "vitest";
import Redis from "ioredis";
import { startRedisCluster, type RedisCluster } from "@/lab/redis-cluster";
import { ClusterRouter } from "./cluster-router";
import { keySlot } from "./key-slot";
import { parseClusterNodes } from "./parse-cluster-nodes";
import { readClusterTopology } from "./read-cluster-topology";

const admin = (port: number) => new Redis({ host: "127.0.0.1", port, maxRetriesPerRequest: 1 });

describe("Redis Cluster topology and slot routing", () => {
  let cluster: RedisCluster;
  beforeAll(async () => {
    cluster = await startRedisCluster({ shards: 3, replicasPerShard: 1, name: "topo" });
  }, 60_000);
  afterAll(() => cluster?.stop());

  it("hashes keys to the slot CLUSTER KEYSLOT names, hash tags included", async () => {
    const c = admin(cluster.seed.port);
    try {
      const keys = ["foo", "", "{user1}.a", "{user1}.b", "a{}b", "{}{x}", "x{y}z{w}", "é日本", "{", "}{a}", ...Array.from({ length: 200 }, (_, i) => `k:${i * 7919}`)];
      for (const k of keys) expect(keySlot(k), k).toBe(Number(await c.call("CLUSTER", "KEYSLOT", k)));
      const binary = Buffer.from([0xff, 0x00, 0x7b, 0x80, 0x7d]);
      expect(keySlot(binary)).toBe(Number(await c.call("CLUSTER", "KEYSLOT", binary)));
      expect(keySlot("{user1}.a")).toBe(keySlot("{user1}.b"));
    } finally {
      c.disconnect();
    }
  });

  it("reads shards, slot ranges, roles and health from any node, with full coverage", async () => {
    const fromReplica = admin(cluster.shards[1].replicas[0].port);
    try {
      const t = await readClusterTopology({ seed: fromReplica });
      expect(t.readWith).toBe("CLUSTER SHARDS");
      expect(t.shards.map((s) => s.slots)).toEqual(cluster.shards.map((s) => [s.slots]));
      expect(t.shards.map((s) => s.primary.port)).toEqual(cluster.shards.map((s) => s.primary.port));
      expect(t.shards.map((s) => s.replicas.map((r) => r.port))).toEqual(cluster.shards.map((s) => s.replicas.map((r) => r.port)));
      expect(t.shards.every((s) => s.primary.role === "primary" && s.primary.health === "online" && s.replicas[0].role === "replica")).toBe(true);
      expect(t.slotsCovered).toBe(16384);
      expect(t.gaps).toEqual([]);
      // CLUSTER NODES (what Redis before 7.0 offers) yields the same shards.
      const viaNodes = parseClusterNodes(String(await fromReplica.call("CLUSTER", "NODES")));
      expect(viaNodes.shards.map((s) => [s.slots, s.primary.port, s.replicas.map((r) => r.port)])).toEqual(t.shards.map((s) => [s.slots, s.primary.port, s.replicas.map((r) => r.port)]));
    } finally {
      fromReplica.disconnect();
    }
  });

  it("routes per-key reads and writes, and follows ASK during a slot migration and MOVED after it", async () => {
    const router = await ClusterRouter.open({ seed: { host: "127.0.0.1", port: cluster.seed.port }, role: "target" });
    const [a, b] = [cluster.shards[0].primary.port, cluster.shards[1].primary.port].map(admin);
    try {
      for (let i = 0; i < 100; i++) await router.call("SET", `r:${i}`, `v${i}`);
      for (let i = 0; i < 100; i++) expect(await router.call("GET", `r:${i}`)).toBe(`v${i}`);
      expect(await router.callBuffer("GET", "r:1")).toEqual(Buffer.from("v1"));

      // Move slot of "mv:1" (owned by shard 1) to shard 2, the way redis-cli --cluster reshard does.
      const key = ["mv:1", "mv:2", "mv:3", "mv:4", "mv:5", "mv:6"].find((k) => keySlot(k) <= cluster.shards[0].slots[1])!;
      const slot = keySlot(key);
      const [aId, bId] = [String(await a.call("CLUSTER", "MYID")), String(await b.call("CLUSTER", "MYID"))];
      await b.call("CLUSTER", "SETSLOT", slot, "IMPORTING", aId);
      await a.call("CLUSTER", "SETSLOT", slot, "MIGRATING", bId);
      const third = admin(cluster.shards[2].primary.port);
      const byPort = new Map([[a.options.port, a], [b.options.port, b], [third.options.port, third]]);
      const moving = await readClusterTopology({ seed: a, nodeClient: async (n) => byPort.get(n.port)! }).finally(() => third.disconnect());
      expect(moving.moves).toEqual(expect.arrayContaining([
        { slot, state: "migrating", nodeId: aId, peerId: bId },
        { slot, state: "importing", nodeId: bId, peerId: aId },
      ]));
      // A key already on the importing node: the owner answers ASK, the router follows with ASKING.
      await b.pipeline().call("ASKING").call("SET", key, "on-b").exec();
      expect(await router.call("GET", key)).toBe("on-b");

      for (const n of [a, b]) await n.call("CLUSTER", "SETSLOT", slot, "NODE", bId);
      expect(await router.call("GET", key)).toBe("on-b"); // MOVED from a, followed to b
      expect((await router.call("SET", key, "again"))).toBe("OK");
      expect(await b.get(key)).toBe("again");
    } finally {
      router.close();
      a.disconnect();
      b.disconnect();
    }
  });

  it("a source router stays read-only on every node, ASKING allowed", async () => {
    const router = await ClusterRouter.open({ seed: { host: "127.0.0.1", port: cluster.seed.port }, role: "source" });
    try {
      expect(await router.call("GET", "r:5")).toBe("v5");
      await expect(router.call("SET", "r:5", "x")).rejects.toMatchObject({ code: "REDIS_READ_ONLY_GUARD" });
      await expect(router.call("DEL", "r:7")).rejects.toMatchObject({ code: "REDIS_READ_ONLY_GUARD" });
      expect(await router.call("GET", "r:7")).toBe("v7");
    } finally {
      router.close();
    }
  });
});
