import "../../test/use-test-db";
import Redis from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startRedisCluster, type RedisCluster } from "@/lab/redis-cluster";
import { startRedis, type RedisProcess } from "@/lab/redis-process";
import { db } from "@/lib/db";
import { ClusterRouter } from "@/lib/redis/cluster/cluster-router";
import { keySlot } from "@/lib/redis/cluster/key-slot";
import { enqueueVerification } from "@/lib/verify/jobs/start-verification";
import { verificationShardRows } from "@/lib/verify/jobs/verification-shard-rows";
import { getLatestVerification } from "@/lib/verify/jobs/verification-status";
import { startVerificationWorker } from "@/lib/verify/jobs/verification-worker";
import { createTestMigration, createTestOperator, waitForRun } from "@/lib/verify/test-helpers/test-migration-fixture";
import { clusterRepairDiff } from "@/lib/replicate/cluster/cluster-repair-diff";
import { buildReportModel } from "./build-report-model";

// A cluster source with one slot being resharded, verified against a single node holding the same
// keys: nothing differs in what was compared, but that slot was not compared, so no PASS.
const KEYS = Array.from({ length: 600 }, (_, i) => `s:${i}`);
let src: RedisCluster;
let tgt: RedisProcess;
let migrationId: string;
let email: string;
let slot: number;
let a: Redis;
let b: Redis;

async function verify() {
  const worker = startVerificationWorker({ pollMs: 50 });
  try {
    const { id } = await enqueueVerification({ migrationId, requestedBy: email, options: { rounds: 1, reverse: false } });
    expect((await waitForRun(id, ["done", "failed"])).status).toBe("done");
  } finally {
    await worker.stop();
  }
  return buildReportModel({ migrationId });
}

beforeAll(async () => {
  [src, tgt] = await Promise.all([startRedisCluster({ shards: 3, replicasPerShard: 0, name: "skip-src" }), startRedis({ name: "skip-tgt" })]);
  email = (await createTestOperator()).email;
  migrationId = (await createTestMigration({ source: src.shards[0].primary, target: tgt, strategy: "replicate" })).id;
  const r = await ClusterRouter.open({ seed: src.seed, role: "target" });
  const t = new Redis({ host: "127.0.0.1", port: tgt.port });
  await Promise.all(KEYS.flatMap((k) => [r.call("SET", k, k), t.set(k, k)]));
  r.close();
  t.disconnect();
  slot = keySlot(KEYS[0]);
  const owner = src.shards.findIndex((s) => slot >= s.slots[0] && slot <= s.slots[1]);
  a = new Redis({ host: "127.0.0.1", port: src.shards[owner].primary.port });
  b = new Redis({ host: "127.0.0.1", port: src.shards[(owner + 1) % 3].primary.port });
}, 120_000);
afterAll(async () => {
  a?.disconnect();
  b?.disconnect();
  await Promise.all([src?.stop(), tgt?.stop()]);
});

describe("verdict of a cluster verification that left out slots being resharded", () => {
  it("is FAIL naming the slots and saying to verify again, though no key differed; the timeline does not say 'no differences'", async () => {
    await a.call("CLUSTER", "SETSLOT", slot, "MIGRATING", String(await b.call("CLUSTER", "MYID")));
    const report = await verify();
    expect(report.verification).toMatchObject({ mismatchCount: 0, skippedSlots: String(slot) });
    expect(report.verdict.result).toBe("FAIL");
    const fails = report.verdict.reasons.filter((r) => r.severity === "fail");
    expect(fails.map((r) => r.code)).toEqual(["SLOTS_NOT_COMPARED"]);
    expect(fails[0].message).toContain(`Source slots ${slot} were being resharded`);
    expect(fails[0].message).toContain("Verify again once resharding ends.");
    const ev = await db.event.findFirstOrThrow({ where: { migrationId, type: "verification.finished" }, orderBy: { at: "desc" } });
    expect(ev.level).toBe("warn");
    expect(ev.message).toContain(`no differences in the slots compared, source slots ${slot} not compared`);
    // The panel's per-shard view, from what the run row stores: each source primary, and the slot left out.
    const view = verificationShardRows((await getLatestVerification(migrationId))!)!;
    expect(view.skippedSlots).toBe(String(slot));
    expect(view.shards.map((s) => s.primary)).toEqual(src.shards.map((s) => `127.0.0.1:${s.primary.port}`));
    expect(view.shards.map((s) => [s.differences, s.pairsDone, s.pairsTotal])).toEqual([[0, 1, 1], [0, 1, 1], [0, 1, 1]]);
    expect(view.shards.reduce((k, s) => k + s.keysDone, 0)).toBe(report.verification!.keysCompared);
  });

  it("a key-level replication repair pass over the same slot fails instead of counting as clean", async () => {
    const diff = clusterRepairDiff({ source: { redis: src.seed, label: "source" }, target: { redis: { host: "127.0.0.1", port: tgt.port }, label: "target" } }, [[0, 16_383]]);
    const opts = { dbs: [0], batchSize: 100, bigKeyBytes: 1 << 20, signal: new AbortController().signal, onMismatch: async () => {} };
    await expect(diff(opts)).rejects.toThrow(`Source slots ${slot} were being resharded and were not compared`);
  });

  it("verified again once the resharding ended, every slot is compared and the verdict is PASS", async () => {
    await a.call("CLUSTER", "SETSLOT", slot, "STABLE");
    const report = await verify();
    expect(report.verification).toMatchObject({ mismatchCount: 0, skippedSlots: "", keysCompared: KEYS.length });
    expect(report.verdict.result).toBe("PASS");
  });
});
