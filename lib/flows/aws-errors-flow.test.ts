import "../../test/use-test-db";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { Redis } from "ioredis";
import { startLab, type Lab } from "../../lab/start-lab";
import { loadDemoData } from "../../lab/demo-data";
import { redisAt } from "../../lab/test-clients";
import { resetAwsClients } from "../aws/clients";
import { db } from "../db";
import type { TSessionUser } from "../auth/sessions";
import type { TSampler } from "../monitor/sampler";
import { evaluateCutoverGate } from "../monitor/cutover-gate";
import { startMigration } from "./intents/start-migration";
import { cutoverMigration } from "./intents/cutover-migration";
import { retryMigration } from "./intents/retry-migration";
import type { TRunner } from "./runner";
import { eventTypes, seedElastiCache, seedMigration, seedOperator, seedSelfManaged, stepsOf, testRunner, testSampler, waitForState, waitUntil } from "./test-helpers/fixtures";

let lab: Lab;
let actor: TSessionUser;
let sampler: TSampler;
const runners: TRunner[] = [];

beforeAll(async () => {
  lab = await startLab({
    selfManaged: [{ name: "src-t" }, { name: "src-auth", args: ["--requirepass", "s3cret"] }, { name: "src-g" }],
    groups: [{ id: "tgt-t", nodes: 2 }, { id: "tgt-auth", nodes: 2 }, { id: "tgt-g", nodes: 2 }],
  });
  await loadDemoData({ port: lab.selfManaged[0].port, keys: 300, ttlRatio: 0, bigKeyElements: 100 });
  await loadDemoData({ port: lab.selfManaged[2].port, keys: 300, ttlRatio: 0, bigKeyElements: 100 });
  process.env.AWS_ACCESS_KEY_ID = lab.accounts.A.accessKeyId;
  process.env.AWS_SECRET_ACCESS_KEY = lab.accounts.A.secretAccessKey;
  actor = await seedOperator();
  sampler = testSampler();
}, 60_000);

afterEach(async () => {
  await Promise.all(runners.splice(0).map((r) => r.stop()));
});

afterAll(async () => {
  await sampler?.stop();
  resetAwsClients();
  await lab?.stop();
});

function run(): TRunner {
  const r = testRunner();
  runners.push(r);
  r.start();
  return r;
}

async function migrationInto(i: number, password?: string) {
  const src = lab.selfManaged[i];
  const groupId = lab.groups[i];
  const sourceId = await seedSelfManaged(actor, `${src.name}-ep`, src.port, password);
  const targetId = await seedElastiCache(actor, `${groupId}-ep`, lab, groupId);
  return { id: await seedMigration(actor, "online", sourceId, targetId), src, groupId, targetName: `${groupId}-ep` };
}

const calls = (action: string, groupId: string) => lab.calls({ action, groupId });
const ok = (action: string, groupId: string) => calls(action, groupId).filter((c) => c.status === 200).length;
const gate = (id: string) => evaluateCutoverGate({ migrationId: id });

describe("AWS errors during a run", () => {
  it("throttling beyond the SDK's own retries is retried by the step with backoff, and StartMigration lands once", async () => {
    const { id, groupId } = await migrationInto(0);
    lab.faults.add({ kind: "throttle", action: "StartMigration", count: 4 }); // the SDK makes 3 attempts per step attempt
    run();
    await startMigration({ actor, migrationId: id });
    await waitForState(id, "in-sync");
    expect(calls("StartMigration", groupId).filter((c) => c.errorCode === "Throttling")).toHaveLength(4);
    expect(ok("StartMigration", groupId)).toBe(1);
    const start = (await stepsOf(id)).find((s) => s.name === "start")!;
    expect(start).toMatchObject({ status: "done", attempts: 2 });
    const retry = await db.event.findFirstOrThrow({ where: { migrationId: id, type: "step.retry_scheduled" } });
    expect(retry.message).toMatch(/throttling/i);
  });

  it("a permanent error fails the step with the AWS code and message; Retry after the fix resumes it", async () => {
    const { id, src, groupId } = await migrationInto(1, "s3cret");
    run();
    await startMigration({ actor, migrationId: id });
    await waitForState(id, "failed");
    const failed = await db.migration.findUniqueOrThrow({ where: { id } });
    expect(JSON.parse(failed.lastError!)).toMatchObject({ step: "test", code: "AWS_ERROR", awsCode: "InvalidParameterValue", message: expect.stringMatching(/^TestMigration of tgt-auth: AWS error InvalidParameterValue: .*customer/) });
    expect((await stepsOf(id)).find((s) => s.name === "test")?.status).toBe("failed");
    expect(ok("StartMigration", groupId)).toBe(0);
    expect(failed.leaseOwner).toBeNull(); // a failed migration holds no runner

    // The operator follows the message: the source drops AUTH, then Retry.
    const source = new Redis({ host: "127.0.0.1", port: src.port, password: "s3cret" });
    await source.config("SET", "requirepass", "");
    source.disconnect();
    await retryMigration({ actor, migrationId: id });
    await waitForState(id, "in-sync");
    const test = (await stepsOf(id)).find((s) => s.name === "test")!;
    expect(test).toMatchObject({ status: "done", attempts: 2 });
    expect(ok("StartMigration", groupId)).toBe(1);
    expect(await eventTypes(id)).toEqual(expect.arrayContaining(["step.failed", "migration.retry_requested", "aws.start_migration"]));
  });

  it("a gate that closes between the operator's click and the call sends nothing and returns to in-sync", async () => {
    const { id, src, groupId, targetName } = await migrationInto(2);
    const stall = lab.faults.add({ kind: "stall-replication", groupId }); // StartMigration then goes through a relay we can hold
    const r = run();
    await startMigration({ actor, migrationId: id });
    await waitUntil("StartMigration", () => ok("StartMigration", groupId) === 1);
    lab.faults.remove(stall);
    await waitForState(id, "in-sync");
    await waitUntil("gate open", async () => (await gate(id)).open);
    await r.stop();
    await cutoverMigration({ actor, migrationId: id, confirmName: targetName });

    lab.faults.add({ kind: "stall-replication", groupId });
    const source = redisAt(src.port);
    await source.set("big-write", "x".repeat(10_000));
    await waitUntil("gate closed by lag", async () => !(await gate(id)).open);
    run();
    await waitForState(id, "in-sync");
    expect(ok("CompleteMigration", groupId)).toBe(0);
    const refused = await db.event.findFirstOrThrow({ where: { migrationId: id, type: "migration.cutover_refused" } });
    expect(refused.message).toMatch(/Byte lag/);

    lab.faults.clear();
    await waitUntil("gate open again", async () => (await gate(id)).open);
    await cutoverMigration({ actor, migrationId: id, confirmName: targetName });
    await waitForState(id, "completed");
    expect(ok("CompleteMigration", groupId)).toBe(1);
    expect(await redisAt(src.port).get("big-write")).toHaveLength(10_000);
    source.disconnect();
  });
});
