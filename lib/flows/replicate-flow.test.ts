import "../../test/use-test-db";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type Redis from "ioredis";
import { compareKeyspaces } from "@/lib/verify/engine/compare-keyspaces";
import { startRedisPair, seedMixed, type RedisPair } from "@/lib/verify/test-helpers/test-redis-pair";
import { db } from "../db";
import type { TSessionUser } from "../auth/sessions";
import { createMigration } from "../migrations/create-migration";
import type { TSampler } from "../monitor/sampler";
import { evaluateCutoverGate } from "../monitor/cutover-gate";
import { readReplication } from "../replication-store/read-replication";
import { buildReportModel } from "../report/build-report-model";
import { renderReportHtml } from "../report/render-report-html";
import { readCheckpoint, readSampleRepl } from "../replication-store/replication-json";
import { startMigration } from "./intents/start-migration";
import { cutoverMigration } from "./intents/cutover-migration";
import { CLIENTS_SWITCHED_EVENT, confirmClientsSwitched } from "./replication/confirm-clients-switched";
import type { TRunner } from "./runner";
import { replicationLetGo } from "./replication/create-replication";
import { REPLICATION_TICK_MS, startReplicationLoop, type TReplicationLoop } from "./replication/replication-loop";
import { stopReverseReplication } from "./replication/stop-reverse-replication";
import { spawnReplicationProcess, type TReplicationProcess } from "./replication/test-helpers/spawn-replication-process";
import { clearPreflight, eventTypes, seedSelfManaged, stepsOf, testRunner, waitForState } from "./test-helpers/fixtures";
import { testSampler } from "./test-helpers/flow-lab";
import { seedUser } from "../users/test-helpers/seed-user";
import { pollUntil } from "../../test/test-helpers/poll-until";
import { storedSamples } from "../monitor/test-helpers/stored-samples";

// Renewed every tick; a few ticks of slack so a busy machine never lets it lapse while its holder lives.
const LEASE_MS = 5 * REPLICATION_TICK_MS;
// Keyspace notifications on both ends: the source for forward replication, the target for the way back.
const KEA = ["--notify-keyspace-events", "KEA"];
let actor: TSessionUser;
let sampler: TSampler;
const runners: TRunner[] = [];
const loops: TReplicationLoop[] = [];
const children: TReplicationProcess[] = [];
const pairs: RedisPair[] = [];

beforeAll(async () => {
  actor = await seedUser();
  sampler = testSampler();
});
afterEach(async () => {
  await Promise.all(children.splice(0).map((c) => c.kill9()));
  await Promise.all(loops.splice(0).map((l) => l.stop()));
  await Promise.all(runners.splice(0).map((r) => r.stop()));
  await Promise.all(pairs.splice(0).map((p) => p.stop()));
});
afterAll(async () => {
  await sampler?.stop();
});

async function setUp(name: string, keys: number, opts: { targetArgs?: string[]; replicate?: Record<string, unknown> } = {}): Promise<{ id: string; pair: RedisPair }> {
  const pair = await startRedisPair({ sourceArgs: KEA, targetArgs: opts.targetArgs ?? KEA });
  pairs.push(pair);
  await seedMixed(pair.src, keys);
  const sourceId = await seedSelfManaged(actor, `${name}-src`, pair.source.port);
  const targetId = await seedSelfManaged(actor, `${name}-tgt`, pair.target.port);
  const { id } = await createMigration({ actor, name, strategy: "replicate", sourceId, targetId });
  await db.migration.update({ where: { id }, data: { options: JSON.stringify({ gate: { stableSeconds: 1 }, replicate: { reverseWindowHours: 24, ...opts.replicate } }) } });
  await clearPreflight(id, "replicate");
  const runner = testRunner({ ownerId: `${name}-runner` });
  runners.push(runner);
  runner.start();
  return { id, pair };
}

function inProcessLoop(owner: string): TReplicationLoop {
  const l = startReplicationLoop({ ownerId: owner, leaseMs: LEASE_MS, log: () => {} });
  loops.push(l);
  return l;
}

/** A steady write load on one end until stopped; returns how many writes it made. */
function writeLoad(r: Redis, prefix: string): { stop(): Promise<number> } {
  let n = 0;
  let on = true;
  const done = (async () => {
    while (on) {
      await r.set(`${prefix}:${n % 500}`, String(n));
      if (n % 7 === 0) await r.del(`${prefix}:${(n + 250) % 500}`);
      n++;
      await new Promise((res) => setTimeout(res, 2));
    }
  })();
  return { stop: async () => ((on = false), await done, n) };
}

async function differences(pair: RedisPair): Promise<number> {
  return (await compareKeyspaces({ ...pair.sides, dbs: [0], reverse: true, rounds: 1 })).mismatchCount;
}

/**
 * The two confirmations: writes to the source stopped (drain, final verification, repair), then,
 * with the target clean and the cutover not yet recorded, clients switched (cutover recorded).
 */
async function cutOver(id: string, targetName: string, whileWaiting?: () => Promise<void>): Promise<void> {
  await pollUntil("gate open", async () => (await evaluateCutoverGate({ migrationId: id })).open, { timeoutMs: 60_000 });
  await expect(confirmClientsSwitched({ actor, migrationId: id })).rejects.toMatchObject({ code: "ILLEGAL_TRANSITION" });
  await cutoverMigration({ actor, migrationId: id, confirmName: targetName });
  await pollUntil("the final verification to be clean and Ferry to ask for the client switch", async () => {
    const steps = await stepsOf(id);
    return steps.find((s) => s.name === "drain-verify")?.status === "done" && steps.find((s) => s.name === "switch-clients")?.status === "waiting";
  }, { timeoutMs: 60_000 });
  const waiting = await db.migration.findUniqueOrThrow({ where: { id } });
  expect(waiting).toMatchObject({ state: "cutting-over", cutoverAt: null });
  expect((await readReplication(id, "forward"))?.status).toBe("running");
  expect(await readReplication(id, "reverse")).toBeNull();
  await whileWaiting?.();
  const confirmedAt = Date.now();
  await confirmClientsSwitched({ actor, migrationId: id });
  await waitForState(id, "completed", 60_000);
  const done = await db.migration.findUniqueOrThrow({ where: { id } });
  expect(done.cutoverAt!.getTime()).toBeGreaterThanOrEqual(confirmedAt - 1_000);
  const confirmation = await db.event.findFirstOrThrow({ where: { migrationId: id, type: CLIENTS_SWITCHED_EVENT } });
  expect(confirmation.actorEmail).toBe(actor.email);
}

describe("replicate flow between two self-managed redis-servers", () => {
  it("copies under a write load, cuts over with a clean final verification, then replicates back until an operator stops it", async () => {
    const { id, pair } = await setUp("rf", 3_000);
    // Two processes' loops: exactly one of them runs the replicator.
    inProcessLoop("rf-loop");
    inProcessLoop("rf-loop-2");
    const load = writeLoad(pair.src, "w");
    await startMigration({ actor, migrationId: id });
    await waitForState(id, "in-sync", 60_000);
    // The operator stops the applications: writes stop arriving at the source.
    await load.stop();
    // The runner dies (no lease released) while Ferry waits for the client switch; another takes over.
    await cutOver(id, "rf-tgt", async () => {
      await runners.pop()!.stop({ releaseLeases: false });
      const next = testRunner({ ownerId: "rf-runner-2" });
      runners.push(next);
      next.start();
    });

    expect(await differences(pair)).toBe(0);
    const steps = await stepsOf(id);
    expect(steps.every((s) => s.status === "done")).toBe(true);
    expect(JSON.parse(steps.find((s) => s.name === "drain-verify")!.detail!)).toMatchObject({ drained: true, differences: 0 });
    // The reverse replicator is started by the loop's next tick after cutover, not by the runner.
    const types = await pollUntil("the reverse replicator to start", async () => {
      const t = await eventTypes(id);
      return t.filter((x) => x === "replication.started").length >= 2 && t;
    }, { timeoutMs: 30_000 });
    expect(types.filter((t) => t === "replication.started")).toHaveLength(2); // forward once, reverse once
    // Neither the final verification nor the cutover ran twice across the restart.
    for (const once of ["replication.final_verification", "migration.cutover"]) expect(types.filter((t) => t === once)).toHaveLength(1);
    expect(types).toEqual(expect.arrayContaining(["replication.started", "replication.subscribed", "replication.initial-copy-done", "replication.final_verification", "replication.forward_stopped", "replication.reverse_armed"]));
    const samples = await storedSamples({ migrationId: id, repl: { not: null } });
    expect(samples.map((s) => readSampleRepl(s.repl)?.initialCopy.done)).toContain(true);

    // The way back: a write on the new target reaches the old source...
    const reverse = await readReplication(id, "reverse");
    expect(reverse?.status).toBe("running");
    expect(Date.parse(reverse!.until!) - Date.now()).toBeGreaterThan(23 * 3_600_000);
    await pair.tgt.set("after-cutover", "on-target");
    await pollUntil("the write on the target to reach the old source", async () => (await pair.src.get("after-cutover")) === "on-target", { timeoutMs: 30_000 });

    // ...until an operator stops it (a recorded action); afterwards nothing more goes back.
    await stopReverseReplication({ actor, migrationId: id });
    await pollUntil("reverse replication to let go", () => replicationLetGo(id, "reverse"));
    await pair.tgt.set("after-stop", "on-target");
    await new Promise((r) => setTimeout(r, 3 * REPLICATION_TICK_MS));
    expect(await pair.src.get("after-stop")).toBeNull();
    const stop = await db.event.findFirstOrThrow({ where: { migrationId: id, type: "replication.reverse_stopped" } });
    expect(stop.actorEmail).toBe(actor.email);
    const report = await buildReportModel({ migrationId: id });
    expect(report.replication).toMatchObject({ finalVerification: { differences: 0, fixed: 0, byKind: {} }, reverse: { status: "stopped", stoppedBy: actor.email } });
    expect(report.replication!.keysCopied).toBeGreaterThanOrEqual(3_000);
    expect(renderReportHtml(report)).toMatch(new RegExp(`Way back \\(reverse replication\\)</dt><dd>armed .*stopped .*by ${actor.email}`));
  }, 180_000);

  it("kill -9 of the process running the replicator mid-copy and mid-live: another resumes from the checkpoint and the migration ends with 0 differences", async () => {
    const { id, pair } = await setUp("rk", 60_000);
    const a = await spawnReplicationProcess("rk-a", LEASE_MS);
    children.push(a);
    const load = writeLoad(pair.src, "w");
    await startMigration({ actor, migrationId: id });
    const forward = async () => db.replication.findFirst({ where: { migrationId: id, direction: "forward" } });
    await pollUntil("A to checkpoint part of the copy", async () => {
      const cp = readCheckpoint((await forward())?.checkpoint ?? null);
      return !!cp && cp.phase === "initial-copy" && cp.keysCopied > 0;
    }, { timeoutMs: 60_000 });
    await a.kill9();
    const atKill = readCheckpoint((await forward())!.checkpoint)!;
    expect(atKill.phase).toBe("initial-copy");

    const b = await spawnReplicationProcess("rk-b", LEASE_MS);
    children.push(b);
    await waitForState(id, "in-sync", 180_000);
    expect((await forward())!.leaseOwner).toBe("rk-b");
    await b.kill9();
    // Written while nothing listens: these events are lost and only a repair can find them.
    for (let i = 0; i < 300; i++) await pair.src.set(`while-dead:${i}`, String(i));

    inProcessLoop("rk-c");
    await pollUntil("C to take over", async () => (await forward())?.leaseOwner === "rk-c", { timeoutMs: 30_000 });
    await load.stop();
    await cutOver(id, "rk-tgt");

    expect(await differences(pair)).toBe(0);
    expect(await pair.tgt.get("while-dead:299")).toBe("299");
    const types = await eventTypes(id);
    expect(types.filter((t) => t === "replication.resumed")).toHaveLength(2);
    expect(types).toContain("replication.repair-finished");
  }, 420_000);

  it("empties a non-empty target only as chosen with its name typed, and does not arm a way back that could not hear writes", async () => {
    const { id, pair } = await setUp("re", 500, { targetArgs: [], replicate: { emptyTargetFirst: true, emptyTargetConfirm: "re-tgt" } });
    await seedMixed(pair.tgt, 50, "stale");
    inProcessLoop("re-loop");
    await startMigration({ actor, migrationId: id });
    await waitForState(id, "in-sync", 60_000);
    expect(await pair.tgt.exists("stale:0")).toBe(0);
    await cutOver(id, "re-tgt");
    expect(await differences(pair)).toBe(0);
    const types = await eventTypes(id);
    // Neither the final verification nor the cutover ran twice across the restart.
    for (const once of ["replication.final_verification", "migration.cutover"]) expect(types.filter((t) => t === once)).toHaveLength(1);
    expect(types).toEqual(expect.arrayContaining(["redis.flushall", "replication.reverse_not_armed"]));
    expect(await readReplication(id, "reverse")).toBeNull();
  }, 120_000);
});
