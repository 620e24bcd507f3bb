import { afterAll, beforeAll, describe, expect, it } from "vitest";
import Redis from "ioredis";
import { startRedisCluster, slotRangeOf, CLUSTER_SLOTS, type RedisCluster } from "./redis-cluster";

describe("startRedisCluster", () => {
  let cluster: RedisCluster;
  beforeAll(async () => {
    cluster = await startRedisCluster({ shards: 3, replicasPerShard: 1, name: "t" });
  }, 60_000);
  afterAll(() => cluster?.stop());

  it("splits all 16384 slots between the shards without a gap", () => {
    const ranges = [0, 1, 2].map((i) => slotRangeOf(i, 3));
    expect(ranges[0][0]).toBe(0);
    expect(ranges[2][1]).toBe(CLUSTER_SLOTS - 1);
    for (let i = 1; i < 3; i++) expect(ranges[i][0]).toBe(ranges[i - 1][1] + 1);
  });

  it("forms a real cluster: each shard's primary owns its slots, replicas follow, other slots answer MOVED", async () => {
    const c = new Redis({ host: "127.0.0.1", port: cluster.seed.port });
    try {
      const shards = (await c.call("CLUSTER", "SHARDS")) as unknown[][];
      expect(shards).toHaveLength(3);
      expect(cluster.nodes).toHaveLength(6);
      // "foo" hashes to slot 12182, owned by the third shard.
      const third = cluster.shards[2].primary.port;
      const owner = new Redis({ host: "127.0.0.1", port: third });
      await owner.set("foo", "bar");
      owner.disconnect();
      await expect(c.get("foo")).rejects.toThrow(/MOVED 12182 127\.0\.0\.1:/);
    } finally {
      c.disconnect();
    }
  });

  it("stops every node by PID", async () => {
    const pids = cluster.nodes.map((n) => n.pid);
    await cluster.stop();
    for (const pid of pids) expect(() => process.kill(pid, 0)).toThrow();
  });
});
