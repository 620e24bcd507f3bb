import "../../test/use-test-db";
import { describe, expect, it } from "vitest";
import { startRedis, type RedisProcess } from "../../lab/redis-process";
import { loadDemoData } from "../../lab/demo-data";
import { redisAt, totalKeys } from "../../lab/test-clients";
import { pollUntil } from "../../test/test-helpers/poll-until";
import { db } from "../db";
import { startMigration } from "./intents/start-migration";
import { cutoverMigration } from "./intents/cutover-migration";
import { abortMigration } from "./intents/abort-migration";
import { eventTypes, seedMigration, seedSelfManaged, stepsOf, waitForState } from "./test-helpers/fixtures";
import { setUpFlowLab } from "./test-helpers/flow-lab";

// Two self-managed redis-servers per scenario; no diskless-sync delay so the initial sync is quick.
const ARGS = ["--repl-diskless-sync-delay", "0"];
const f = setUpFlowLab({ sampler: true });
const run = (ownerId: string, crashAfter?: string) => f.run({ ownerId, leaseMs: 1_000, crashAfter });

async function pair(name: string): Promise<{ id: string; source: RedisProcess; target: RedisProcess }> {
  const [source, target] = await Promise.all([startRedis({ name: `${name}-src`, args: ARGS }), startRedis({ name: `${name}-tgt`, args: ARGS })]);
  await loadDemoData({ port: source.port, keys: 700, ttlRatio: 0, bigKeyElements: 200 });
  const sourceId = await seedSelfManaged(f.actor, `${name}-src`, source.port);
  const targetId = await seedSelfManaged(f.actor, `${name}-tgt`, target.port);
  return { id: await seedMigration(f.actor, "replicaof", sourceId, targetId), source, target };
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
    await startMigration({ actor: f.actor, migrationId: id });
    await pollUntil("runner A to die right after REPLICAOF", () => a.crashed);
    run("ro-b");
    await waitForState(id, "in-sync");
    const src = redisAt(source.port);
    await src.set("written-while-in-sync", "yes");
    await f.gateOpen(id);

    const results = await Promise.allSettled([
      cutoverMigration({ actor: f.actor, migrationId: id, confirmName: "ro-tgt" }),
      cutoverMigration({ actor: f.other, migrationId: id, confirmName: "ro-tgt" }),
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
    await startMigration({ actor: f.actor, migrationId: id });
    await waitForState(id, "in-sync");
    await abortMigration({ actor: f.actor, migrationId: id, confirmName: "ab-tgt" });
    await waitForState(id, "aborted");
    const tgt = redisAt(target.port);
    expect(await tgt.info("replication")).toMatch(/role:master/);
    expect(await tgt.set("writable", "1")).toBe("OK");
    tgt.disconnect();
    expect(await replicaofCalls(target.port)).toBe(2);
    expect(await eventTypes(id)).toEqual(expect.arrayContaining(["redis.replicaof", "redis.replicaof_no_one", "migration.abort_requested"]));
  });

  it("refuses REPLICAOF when the target is the source itself under another address (same run_id): the source stays a writable primary", async () => {
    const source = await startRedis({ name: "self-src", args: ARGS });
    const sourceId = await seedSelfManaged(f.actor, "self-src", source.port);
    const targetId = await seedSelfManaged(f.actor, "self-tgt", source.port, { host: "localhost" });
    const id = await seedMigration(f.actor, "replicaof", sourceId, targetId);
    run("self-a");
    await startMigration({ actor: f.actor, migrationId: id });
    await waitForState(id, "failed");
    const m = await db.migration.findUniqueOrThrow({ where: { id } });
    expect(JSON.parse(m.lastError!)).toMatchObject({ step: "test", message: expect.stringMatching(/^The source self-src and the target self-tgt are the same server \(both report run_id [0-9a-f]{40}\)/) });
    expect(await replicaofCalls(source.port)).toBe(0);
    const src = redisAt(source.port);
    expect(await src.info("replication")).toMatch(/role:master/);
    expect(await src.set("still-writable", "1")).toBe("OK");
    src.disconnect();
  });
});
