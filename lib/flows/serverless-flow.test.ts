import "../../test/use-test-db";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type Redis from "ioredis";
import { startLab, type Lab } from "../../lab/start-lab";
import { loadDemoData } from "../../lab/demo-data";
import { redisAt, totalKeys } from "../../lab/test-clients";
import { resetAwsClients } from "../aws/clients";
import { db } from "../db";
import type { TSessionUser } from "../auth/sessions";
import { createMigration } from "../migrations/create-migration";
import { evaluateCutoverGate } from "../monitor/cutover-gate";
import { acknowledgeClientsPointed } from "../serverless/acknowledge-clients";
import { saveServerlessOptions } from "../serverless/save-serverless-options";
import { getServerlessView } from "../serverless/get-serverless-view";
import { abortMigration } from "./intents/abort-migration";
import { cutoverMigration } from "./intents/cutover-migration";
import { retryMigration } from "./intents/retry-migration";
import { startMigration } from "./intents/start-migration";
import { RunnerCrash } from "./runner-hooks";
import type { TRunner } from "./runner";
import { clearPreflight, eventTypes, seedElastiCache, seedSelfManaged, stepsOf, testRunner, waitForState } from "./test-helpers/fixtures";
import { seedUser } from "../users/test-helpers/seed-user";
import { pollUntil } from "../../test/test-helpers/poll-until";
import { setLabCredentials } from "../../lab/set-lab-credentials";

let lab: Lab;
let actor: TSessionUser;
const runners: TRunner[] = [];

beforeAll(async () => {
  lab = await startLab({
    selfManaged: [{ name: "sv-src-a" }, { name: "sv-src-b" }, { name: "sv-src-c" }, { name: "sv-src-d" }],
    serverlessCaches: [{ name: "sv-manual" }, { name: "sv-auto" }, { name: "sv-stop" }, { name: "sv-kill" }, { name: "sv-kill-stop" }, { name: "sv-old", engine: "redis", majorEngineVersion: "6" }],
  });
  for (const s of lab.selfManaged) await loadDemoData({ port: s.port, keys: 500, ttlRatio: 0, bigKeyElements: 200 });
  setLabCredentials();
  actor = await seedUser();
}, 60_000);

afterEach(async () => {
  await Promise.all(runners.splice(0).map((r) => r.stop()));
});

afterAll(async () => {
  resetAwsClients();
  await lab?.stop();
});

function run(ownerId?: string, crashAfter?: string): TRunner {
  const r = testRunner({ ownerId, hooks: crashAfter ? { afterWorldChange: (call) => { if (call === crashAfter) throw new RunnerCrash(call); } } : undefined });
  runners.push(r);
  r.start();
  return r;
}

let n = 0;
async function serverlessMigration(srcIndex: number, cache: string) {
  const src = lab.selfManaged[srcIndex];
  const sourceId = await seedSelfManaged(actor, `${src.name}-${++n}`, src.port);
  const targetId = await seedElastiCache(actor, `${cache}-${n}`, lab, cache);
  const { id } = await createMigration({ actor, name: `sv${n}`, strategy: "serverless-online", sourceId, targetId });
  await clearPreflight(id, "serverless-online");
  return { id, src, targetName: `${cache}-${n}` };
}

const calls = (action: string, cache: string) => lab.calls({ action, groupId: cache }).filter((c) => c.status === 200).length;
const stepStatus = async (id: string, name: string) => (await stepsOf(id)).find((s) => s.name === name)?.status;
const endpointPort = (cache: string) => lab.serverlessCache(cache)!.endpointPort!;

async function pointClients(id: string, cache: string) {
  await pollUntil("the point-clients step", async () => (await stepStatus(id, "point-clients")) === "waiting");
  await acknowledgeClientsPointed({ actor, migrationId: id, endpoint: `127.0.0.1:${endpointPort(cache)}` });
}

/** A client writing through the migration endpoint as fast as it can, counting errors. */
function writer(port: number) {
  const c: Redis = redisAt(port);
  const state = { written: 0, errors: 0, stop: false };
  const done = (async () => {
    while (!state.stop) {
      try {
        await c.set(`w:${state.written}`, String(state.written));
        state.written++;
      } catch {
        state.errors++;
      }
    }
  })();
  return { state, stop: async () => ((state.stop = true), await done, c.disconnect()) };
}

describe("online migration into ElastiCache Serverless through the runner, against the lab", () => {
  it("manual cutover: prepare, clients on the endpoint, sync, Ferry's gate, CompleteMigration; a client writing through the endpoint sees no error", async () => {
    const { id, src, targetName } = await serverlessMigration(0, "sv-manual");
    run();
    await startMigration({ actor, migrationId: id });
    await pointClients(id, "sv-manual");
    await waitForState(id, "in-sync");
    const w = writer(endpointPort("sv-manual"));
    await pollUntil("writes through the endpoint", () => w.state.written > 50);
    await pollUntil("the gate to open", async () => (await evaluateCutoverGate({ migrationId: id })).open);
    await cutoverMigration({ actor, migrationId: id, confirmName: targetName });
    await pollUntil("the cutover", async () => lab.serverlessCache("sv-manual")!.migration === "completed");
    const atCutover = w.state.written;
    await pollUntil("writes after the cutover", () => w.state.written > atCutover + 50);
    await w.stop();
    expect(w.state.errors).toBe(0);
    await waitForState(id, "completed");

    const node = redisAt(lab.serverlessCache("sv-manual")!.nodePort!);
    const source = redisAt(src.port);
    expect(await node.get(`w:${w.state.written - 1}`)).toBe(String(w.state.written - 1)); // the last write landed on the cache
    expect(await totalKeys(node)).toBeGreaterThan(await totalKeys(source)); // later writes never reached the source
    node.disconnect();
    source.disconnect();
    expect(["PrepareMigration", "StartMigration", "CompleteMigration"].map((a) => calls(a, "sv-manual"))).toEqual([1, 1, 1]);
    expect((await stepsOf(id)).map((s) => `${s.name}:${s.status}`)).toEqual(
      ["preflight-ok", "baseline-before", "prepare", "point-clients", "start", "wait-in-sync", "cutover", "baseline-after", "verify", "report"].map((s) => `${s}:done`),
    );
    expect(await eventTypes(id)).toEqual(expect.arrayContaining(["aws.prepare_migration", "serverless.clients_pointed", "aws.start_migration", "aws.complete_migration", "migration.cutover", "verify.queued"]));
    expect((await db.migration.findUniqueOrThrow({ where: { id } })).cutoverAt).not.toBeNull();
  });

  it("automatic cutover: no operator cutover, Ferry records when AWS did it", async () => {
    const { id } = await serverlessMigration(1, "sv-auto");
    await saveServerlessOptions({ actor, migrationId: id, options: { cutoverMode: "auto" } });
    run();
    await startMigration({ actor, migrationId: id });
    await pointClients(id, "sv-auto");
    await waitForState(id, "completed");
    expect(calls("CompleteMigration", "sv-auto")).toBe(0);
    expect(await eventTypes(id)).toEqual(expect.arrayContaining(["aws.auto_cutover", "migration.cutover"]));
    const m = await db.migration.findUniqueOrThrow({ where: { id } });
    expect(JSON.parse(m.finalOffsets!).note).toMatch(/automatic cutover by AWS, reported at .*Migration completed for sv-auto/);

    // What the monitor's serverless card shows: AWS's status and events, the cache's CloudWatch figures, the source's clients.
    await lab.sampleMetrics();
    const view = await getServerlessView(id);
    expect(view.summary).toMatchObject({ status: "completed", cutoverMode: "auto" });
    expect(view.events.map((e) => e.message)).toEqual(expect.arrayContaining([expect.stringMatching(/^Automatic cutover started for sv-auto/), expect.stringMatching(/^Migration prepared for sv-auto/)]));
    const node = redisAt(lab.serverlessCache("sv-auto")!.nodePort!);
    const source = redisAt(lab.selfManaged[1].port);
    expect(view.target.values.CurrItems?.value).toBe(await totalKeys(node));
    expect(view.source.keys).toBe(await totalKeys(source));
    node.disconnect();
    source.disconnect();
    expect(view.source.clients?.total).toBeGreaterThanOrEqual(1);
  });

  it("StopMigration as the confirmed abort; a restart needs ClearTargetCacheData behind the cache's typed name", async () => {
    const first = await serverlessMigration(2, "sv-stop");
    run();
    await startMigration({ actor, migrationId: first.id });
    await pointClients(first.id, "sv-stop");
    await waitForState(first.id, "in-sync");
    await abortMigration({ actor, migrationId: first.id, confirmName: first.targetName });
    await waitForState(first.id, "aborted");
    expect(lab.serverlessCache("sv-stop")!.migration).toBe("stopped");
    expect(calls("StopMigration", "sv-stop")).toBe(1);
    expect(await eventTypes(first.id)).toContain("aws.stop_migration");

    const again = await serverlessMigration(2, "sv-stop");
    await startMigration({ actor, migrationId: again.id });
    await pointClients(again.id, "sv-stop");
    await waitForState(again.id, "failed");
    const err = JSON.parse((await db.migration.findUniqueOrThrow({ where: { id: again.id } })).lastError!);
    expect(err).toMatchObject({ step: "start", message: expect.stringMatching(/was stopped: restarting replaces what the cache holds/) });
    expect(calls("StartMigration", "sv-stop")).toBe(1);
    await expect(saveServerlessOptions({ actor, migrationId: again.id, options: {}, confirmClearCacheName: "sv-stopp" })).rejects.toMatchObject({ code: "INVALID_INPUT" });
    await saveServerlessOptions({ actor, migrationId: again.id, options: {}, confirmClearCacheName: "sv-stop" });
    await retryMigration({ actor, migrationId: again.id });
    await waitForState(again.id, "in-sync");
    expect(calls("StartMigration", "sv-stop")).toBe(2);
    expect(JSON.parse((await stepsOf(again.id)).find((s) => s.name === "start")!.detail!).clearTargetCacheData).toBe(true);
  });

  it("a source above the cache's engine version: PrepareMigration rolls back and the step names the requirement", async () => {
    const { id } = await serverlessMigration(3, "sv-old");
    run();
    await startMigration({ actor, migrationId: id });
    await waitForState(id, "failed");
    const err = JSON.parse((await db.migration.findUniqueOrThrow({ where: { id } })).lastError!);
    expect(err).toMatchObject({ step: "prepare", message: expect.stringMatching(/source engine version 7\.\S+ is higher than the cache's redis 6\.2/) });
    expect(calls("PrepareMigration", "sv-old")).toBe(1);
  });

  it("killed right after each call (PrepareMigration, StartMigration, CompleteMigration): every call is sent once", async () => {
    const { id, targetName } = await serverlessMigration(3, "sv-kill");
    const a = run("crash-after-prepare", "PrepareMigration");
    await startMigration({ actor, migrationId: id });
    await pollUntil("runner A to die after PrepareMigration", () => a.crashed);
    const b = run("crash-after-start", "StartMigration");
    await pointClients(id, "sv-kill");
    await pollUntil("runner B to die after StartMigration", () => b.crashed);
    const c = run("crash-after-complete", "CompleteMigration");
    await waitForState(id, "in-sync");
    await pollUntil("the gate to open", async () => (await evaluateCutoverGate({ migrationId: id })).open);
    await cutoverMigration({ actor, migrationId: id, confirmName: targetName });
    await pollUntil("runner C to die after CompleteMigration", () => c.crashed);
    run("runner-d");
    await waitForState(id, "completed");
    expect(["PrepareMigration", "StartMigration", "CompleteMigration"].map((x) => calls(x, "sv-kill"))).toEqual([1, 1, 1]);
  });

  it("killed right after StopMigration: the next runner finishes the stop without sending it again", async () => {
    const { id, targetName } = await serverlessMigration(1, "sv-kill-stop");
    const a = run("crash-after-stop", "StopMigration");
    await startMigration({ actor, migrationId: id });
    await pointClients(id, "sv-kill-stop");
    await waitForState(id, "in-sync");
    await abortMigration({ actor, migrationId: id, confirmName: targetName });
    await pollUntil("runner A to die after StopMigration", () => a.crashed);
    run("runner-b");
    await waitForState(id, "aborted");
    expect(calls("StopMigration", "sv-kill-stop")).toBe(1);
    expect(lab.serverlessCache("sv-kill-stop")!.migration).toBe("stopped");
  });
});
