import "../../test/use-test-db";
import { describe, expect, it } from "vitest";
import { redisAt, totalKeys } from "../../lab/test-clients";
import { pollUntil } from "../../test/test-helpers/poll-until";
import { db } from "../db";
import { describeClosedGate } from "../monitor/describe-closed-gate";
import { MAX_READ_TIMEOUT_MS } from "../monitor/sampler";
import { readShardFacts } from "../monitor/shard-facts";
import { SHARD_RELOCATE_MS } from "../monitor/shard-readers";
import { cutoverMigration } from "./intents/cutover-migration";
import { startMigration } from "./intents/start-migration";
import { MULTI_STATE_TEST_MS, runQueuedVerification, STATE_WAIT_MS, waitForState } from "./test-helpers/fixtures";
import { setUpFlowLab } from "./test-helpers/flow-lab";
import { latestStoredSample } from "../monitor/test-helpers/stored-samples";

const f = setUpFlowLab({ lab: { selfManaged: [{ name: "cl-src", cluster: { shards: 3 }, keys: 1500 }], groups: [{ id: "cl-tgt", shards: 3, nodes: 2 }] }, sampler: true });
const SHARDS = ["0001", "0002", "0003"];

const latestShards = async (id: string) => readShardFacts((await latestStoredSample({ migrationId: id }))?.shards ?? null);

describe("online migration of a 3-shard cluster into a 3-shard cluster-mode group, shard by shard", () => {
  it("stores per-shard samples, holds the gate while one shard is stalled (named), completes and verifies PASS", async () => {
    const { id, src, targetName } = await f.onlineMigration(0);
    f.run();
    await startMigration({ actor: f.actor, migrationId: id });
    await waitForState(id, "in-sync", 3 * STATE_WAIT_MS);

    // Every target shard sampled against the source primary owning its slots, the aggregate their sum.
    await f.gateOpen(id);
    const shards = await latestShards(id);
    expect(shards.map((s) => [s.g, s.linkUp, s.srcUp, s.tgtUp])).toEqual(SHARDS.map((g) => [g, true, true, true]));
    expect(shards.every((s) => s.srcOffset! > 0 && s.srcKeys! > 0 && s.srcKeys === s.tgtKeys)).toBe(true);
    const agg = (await latestStoredSample({ migrationId: id, shards: { not: null } }))!;
    expect(agg.srcKeys).toBe(readShardFacts(agg.shards).reduce((n, s) => n + s.srcKeys!, 0));

    // Shard 0002's source primary stops answering (CLIENT PAUSE): only that shard holds the gate.
    const stalled = redisAt(src.shards![1].primary);
    // Long enough for several ticks to time out on it, short next to the shards' relocation period.
    const pauseMs = Math.min(SHARD_RELOCATE_MS / 4, 8 * MAX_READ_TIMEOUT_MS);
    await stalled.call("CLIENT", "PAUSE", String(pauseMs), "ALL");
    const closed = await pollUntil("the gate to close on shard 0002", async () => {
      const g = await f.gate(id);
      return !g.open && g;
    });
    const why = describeClosedGate(closed);
    expect(why).toMatch(/shard 0002 not ready/);
    expect(why).not.toMatch(/000[13]/);
    stalled.disconnect();

    await f.gateOpen(id);
    await cutoverMigration({ actor: f.actor, migrationId: id, confirmName: targetName });
    await waitForState(id, "completed", 3 * STATE_WAIT_MS);
    expect(f.ok("CompleteMigration", "cl-tgt")).toBe(1);

    const run = await runQueuedVerification(id);
    expect(run.error).toBeNull();
    const sourceKeys = (await Promise.all(src.shards!.map(async (s) => { const c = redisAt(s.primary); try { return await totalKeys(c); } finally { c.disconnect(); } }))).reduce((a, b) => a + b, 0);
    expect(JSON.parse(run.result!).keysCompared).toBe(sourceKeys);
    expect(await db.mismatch.count({ where: { verificationId: run.id } })).toBe(0);
  }, MULTI_STATE_TEST_MS * 2);
});
