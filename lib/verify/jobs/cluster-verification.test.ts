import "../../../test/use-test-db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { startRedisCluster, type RedisCluster } from "@/lab/redis-cluster";
import { ClusterRouter } from "@/lib/redis/cluster/cluster-router";
import { startVerification } from "./start-verification";
import { createTestMigration, createTestOperator, waitForRun } from "../test-helpers/test-migration-fixture";
import { startVerificationWorker } from "./verification-worker";
import type { TStoredVerificationResult } from "./verification-result";

let three: RedisCluster;
let two: RedisCluster;

beforeAll(async () => {
  [three, two] = await Promise.all([
    startRedisCluster({ shards: 3, replicasPerShard: 0, name: "jv3" }),
    startRedisCluster({ shards: 2, replicasPerShard: 0, name: "jv2" }),
  ]);
  for (const c of [three, two]) {
    const r = await ClusterRouter.open({ seed: c.seed, role: "target" });
    await Promise.all(Array.from({ length: 1500 }, (_, i) => r.call("SET", `k:${i}`, `v${i}`)));
    if (c === two) await r.call("DEL", "k:42");
    r.close();
  }
}, 120_000);
afterAll(() => Promise.all([three?.stop(), two?.stop()]));

describe("a verification run between clusters", () => {
  it("is compared shard by shard by the worker: the stored result has the layout and per-shard counts, the one difference is a row", async () => {
    const operator = await createTestOperator();
    // Registered by one node each (any node would do), as an operator would.
    const migration = await createTestMigration({ source: three.shards[1].primary, target: two.shards[0].primary });
    const { id } = await startVerification({ actor: operator, migrationId: migration.id, options: { rounds: 1, reverse: true } });
    const worker = startVerificationWorker({ pollMs: 50 });
    const run = await waitForRun(id, ["done", "failed"]).finally(() => worker.stop());
    expect(run.error).toBeNull();
    const result = JSON.parse(run.result!) as TStoredVerificationResult & { layout: unknown; shards: { keysCompared: number }[] };
    expect(result.keysCompared).toBe(1500);
    expect(result.layout).toMatchObject({ sourceShards: 3, targetShards: 2, pairs: 4 });
    expect(result.shards.map((s) => s.keysCompared).reduce((a, b) => a + b)).toBe(1500);
    expect((await db.mismatch.findMany({ where: { verificationId: id } })).map((m) => `${m.keyDisplay} ${m.status}`)).toEqual(["k:42 MISSING"]);
    expect(JSON.parse(run.progress!).shards).toHaveLength(3);
  });
});
