import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startRedisCluster, type RedisCluster } from "@/lab/redis-cluster";
import { startRedis, type RedisProcess } from "@/lab/redis-process";
import { redisAt } from "@/lab/test-clients";
import { runPreflight } from "./run-preflight";

let source: RedisProcess;
let target: RedisCluster;

beforeAll(async () => {
  [source, target] = await Promise.all([startRedis({ name: "ctd-src" }), startRedisCluster({ shards: 2, replicasPerShard: 0, name: "ctd-tgt" })]);
}, 60_000);
afterAll(async () => {
  await Promise.all([source?.stop(), target?.stop()]);
});

const dbsCheck = async () => {
  const r = await runPreflight({ strategy: "replicate", source: { kind: "redis", endpoint: { host: "127.0.0.1", port: source.port } }, target: { kind: "redis", endpoint: target.seed } });
  return r.checks.find((c) => c.id === "pairing.cluster-dbs");
};

describe("replicate from a single node into a cluster", () => {
  it("passes while the source's keys are in db 0, fails once a key sits in another db (a cluster has db 0 only)", async () => {
    const c0 = redisAt(source.port);
    const c3 = redisAt(source.port, 3);
    try {
      await c0.set("a", "1");
      expect(await dbsCheck()).toMatchObject({ status: "pass", evidence: expect.stringContaining("db0 only") });
      await c3.set("b", "1");
      expect(await dbsCheck()).toMatchObject({ status: "fail", evidence: expect.stringContaining("1 key(s) in db3") });
    } finally {
      c0.disconnect();
      c3.disconnect();
    }
  });
});
