import "../../test/use-test-db";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startRedis, type RedisProcess } from "../../lab/redis-process";
import { loadDemoData } from "../../lab/demo-data";
import { redisAt, totalKeys } from "../../lab/test-clients";
import { db } from "../db";
import type { TSessionUser } from "../auth/sessions";
import type { TSampler } from "../monitor/sampler";
import { evaluateCutoverGate } from "../monitor/cutover-gate";
import { startMigration } from "./intents/start-migration";
import { cutoverMigration } from "./intents/cutover-migration";
import { abortMigration } from "./intents/abort-migration";
import { RunnerCrash } from "./runner-hooks";
import type { TRunner } from "./runner";
import { eventTypes, seedMigration, seedOperator, seedSelfManaged, stepsOf, testRunner, testSampler, waitForState, waitUntil } from "./test-helpers/fixtures";

// Two self-managed redis-servers per scenario; no diskless-sync delay so the initial sync is quick.
const ARGS = ["--repl-diskless-sync-delay", "0"];
let actor: TSessionUser;
let other: TSessionUser;
let sampler: TSampler;
const runners: TRunner[] = [];

beforeAll(async () => {
  actor = await seedOperator();
  other = await seedOperator();
  sampler = testSampler();
});

afterEach(async () => {
  await Promise.all(runners.splice(0).map((r) => r.stop()));
});

afterAll(async () => {
  await sampler?.stop();
});

function run(ownerId: string, crashAfter?: string): TRunner {
  const r = testRunner({ ownerId, leaseMs: 1_000, hooks: crashAfter ? { afterWorldChange: (call) => { if (call === crashAfter) throw new RunnerCrash(call); } } : undefined });
  runners.push(r);
  r.start();
  return r;
}

async function pair(name: string): Promise<{ id: string; source: RedisProcess; target: RedisProcess }> {
  const [source, target] = await Promise.all([startRedis({ name: `${name}-src`, args: ARGS }), startRedis({ name: `${name}-tgt`, args: ARGS })]);
  await loadDemoData({ port: source.port, keys: 700, ttlRatio: 0, bigKeyElements: 200 });
  const sourceId = await seedSelfManaged(actor, `${name}-src`, source.port);
  const targetId = await seedSelfManaged(actor, `${name}-tgt`, target.port);
  return { id: await seedMigration(actor, "replicaof", sourceId, targetId), source, target };
}

/** What the target itself counted: REPLICAOF calls in INFO commandstats (both forms count). */
async function replicaofCalls(port: number): Promise<number> {
  const c = redisAt(port);
  const stats = await c.info("commandstats");
  c.disconnect();
  return Number(/cmdstat_replicaof:calls=(\d+)/.exec(stats)?.[1] ?? 0);
}

describe("replicaof flow between two self-managed redis-servers", () => {
  it("crash after REPLICAOF, restart, double cutover: one REPLICAOF and one REPLICAOF NO ONE; target promoted with every key", async () => {
    const { id, source, target } = await pair("ro");
    const a = run("ro-a", "REPLICAOF");
    await startMigration({ actor, migrationId: id });
    await waitUntil("runner A to die right after REPLICAOF", () => a.crashed);
    run("ro-b");
    await waitForState(id, "in-sync");
    const src = redisAt(source.port);
    await src.set("written-while-in-sync", "yes");
    await waitUntil("gate open", async () => (await evaluateCutoverGate({ migrationId: id })).open);

    const results = await Promise.allSettled([
      cutoverMigration({ actor, migrationId: id, confirmName: "ro-tgt" }),
      cutoverMigration({ actor: other, migrationId: id, confirmName: "ro-tgt" }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    await waitForState(id, "completed");

    expect(await replicaofCalls(target.port)).toBe(2); // REPLICAOF host port, then NO ONE: nothing repeated
    const tgt = redisAt(target.port);
    expect(await tgt.info("replication")).toMatch(/role:master/);
    expect(await tgt.get("written-while-in-sync")).toBe("yes");
    expect(await totalKeys(tgt)).toBe(await totalKeys(src));
    expect(await tgt.set("writable", "1")).toBe("OK");
    tgt.disconnect();
    src.disconnect();

    const m = await db.migration.findUniqueOrThrow({ where: { id } });
    expect(JSON.parse(m.finalOffsets!)).toMatchObject({ source: expect.any(Number), target: expect.any(Number) });
    expect(m.watchUntil).not.toBeNull();
    expect((await stepsOf(id)).every((s) => s.status === "done")).toBe(true);
    const types = await eventTypes(id);
    expect(types.filter((t) => t === "redis.replicaof")).toHaveLength(0); // A died before recording it...
    expect(types.filter((t) => t === "redis.replicaof_no_one")).toHaveLength(1);
    expect(JSON.parse((await stepsOf(id)).find((s) => s.name === "start")!.detail!).observed).toBe("target replicates from the source"); // ...B saw it in the world
  });

  it("abort stops replication with REPLICAOF NO ONE and leaves the target a writable primary", async () => {
    const { id, target } = await pair("ab");
    run("ab-a");
    await startMigration({ actor, migrationId: id });
    await waitForState(id, "in-sync");
    await abortMigration({ actor, migrationId: id, confirmName: "ab-tgt" });
    await waitForState(id, "aborted");
    const tgt = redisAt(target.port);
    expect(await tgt.info("replication")).toMatch(/role:master/);
    expect(await tgt.set("writable", "1")).toBe("OK");
    tgt.disconnect();
    expect(await replicaofCalls(target.port)).toBe(2);
    expect(await eventTypes(id)).toEqual(expect.arrayContaining(["redis.replicaof", "redis.replicaof_no_one", "migration.abort_requested"]));
  });
});
