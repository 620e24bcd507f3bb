import "../../../test/use-test-db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { startRedisCluster, type RedisCluster } from "@/lab/redis-cluster";
import { ClusterRouter } from "@/lib/redis/cluster/cluster-router";
import { startVerification } from "./start-verification";
import { createTestMigration, createTestOperator, waitForRun } from "../test-helpers/test-migration-fixture";
import { startVerificationWorker } from "./verification-worker";
import type { TStoredVerificationResult } from "./verification-result";
import Redis from "ioredis";
import { pollUntil } from "@/test/test-helpers/poll-until";
import type { TClusterCheckpoint } from "../engine/cluster/cluster-checkpoint";

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

  it("a worker shut down mid-run hands the unit over by pair: the next worker keeps the finished pairs, compares only the rest, and stores each difference once", async () => {
    const EXTRA = 20_000; // more keys on both ends, so the run is still going when the first worker stops
    for (const c of [three, two]) {
      const r = await ClusterRouter.open({ seed: c.seed, role: "target" });
      for (let i = 0; i < EXTRA; i += 1000) await Promise.all(Array.from({ length: 1000 }, (_, j) => r.call("SET", `x:${i + j}`, "v")));
      r.close();
    }
    const total = 1500 + EXTRA;
    const operator = await createTestOperator();
    const migration = await createTestMigration({ source: three.shards[0].primary, target: two.shards[1].primary });
    const { id } = await startVerification({ actor: operator, migrationId: migration.id, options: { rounds: 1, reverse: true, batchSize: 10, pipelineDepth: 1 } });
    const first = startVerificationWorker({ pollMs: 50 });
    const pairsSaved = async () => {
      const unit = await db.verificationUnit.findFirst({ where: { verificationId: id } });
      const c = unit?.checkpoint ? (JSON.parse(unit.checkpoint) as TClusterCheckpoint) : null;
      return c?.kind === "cluster" && c.pairs.length > 0 && c;
    };
    // A pair of ~5,000 keys in batches of 10: seconds when quiet, more than the default 15 s on a
    // loaded PostgreSQL run (a fresh-clone run at load 12); the test's own 120 s still bounds it.
    await pollUntil("the first pair's checkpoint", pairsSaved, { timeoutMs: 50_000 }).finally(() => first.stop());
    const unit = await db.verificationUnit.findFirstOrThrow({ where: { verificationId: id } });
    expect([unit.status, unit.leaseOwner]).toEqual(["running", null]);
    const saved = JSON.parse(unit.checkpoint!) as TClusterCheckpoint;
    const kept = saved.pairs.reduce((k, p) => k + p.result.keysCompared, 0);
    expect(saved.pairs.length).toBeLessThan(4);
    const primaries = three.shards.map((s) => new Redis({ host: "127.0.0.1", port: s.primary.port }));
    try {
      await Promise.all(primaries.map((c) => c.config("RESETSTAT")));
      const second = startVerificationWorker({ pollMs: 50 });
      const run = await waitForRun(id, ["done", "failed"], 60_000).finally(() => second.stop());
      expect(run.error).toBeNull();
      const result = JSON.parse(run.result!) as TStoredVerificationResult;
      expect([result.keysCompared, result.extraKeysScanned, result.mismatchCount, result.resumed]).toEqual([total, total - 1, 1, true]);
      // Each source key was read once over both workers: the kept pairs' keys were not read again.
      const stats = await Promise.all(primaries.map((c) => c.info("commandstats")));
      expect(stats.reduce((k, s) => k + Number(/cmdstat_pttl:calls=(\d+)/.exec(s)?.[1] ?? 0), 0)).toBe(total - kept);
    } finally {
      primaries.forEach((c) => c.disconnect());
    }
    expect((await db.mismatch.findMany({ where: { verificationId: id } })).map((m) => `${m.keyDisplay} ${m.status}`)).toEqual(["k:42 MISSING"]);
    const resumed = await db.event.findMany({ where: { migrationId: migration.id, type: "verification.resumed" } });
    expect(resumed.map((e) => e.message)).toEqual([expect.stringMatching(new RegExp(`^Cluster verification resumed from its checkpoint: ${saved.pairs.length} source x target node pair`))]);
  }, 120_000);
});
