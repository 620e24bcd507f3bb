import "../../test/use-test-db";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { DescribeReplicationGroupsCommand } from "@aws-sdk/client-elasticache";
import { startLab, type Lab } from "../../lab/start-lab";
import { loadDemoData } from "../../lab/demo-data";
import { labClients, redisAt, totalKeys } from "../../lab/test-clients";
import { resetAwsClients } from "../aws/clients";
import { db } from "../db";
import type { TSessionUser } from "../auth/sessions";
import type { TSampler } from "../monitor/sampler";
import { evaluateCutoverGate } from "../monitor/cutover-gate";
import { startMigration } from "./intents/start-migration";
import { cutoverMigration } from "./intents/cutover-migration";
import { RunnerCrash } from "./runner-hooks";
import type { TRunner } from "./runner";
import { seedElastiCache, seedMigration, seedOperator, seedSelfManaged, stepsOf, testRunner, testSampler, waitForState, waitUntil } from "./test-helpers/fixtures";

const LEASE_MS = 1_000;
let lab: Lab;
let actor: TSessionUser;
let sampler: TSampler;
const runners: TRunner[] = [];

beforeAll(async () => {
  lab = await startLab({ selfManaged: [{ name: "src-k" }, { name: "src-c" }], groups: [{ id: "tgt-k", nodes: 2 }, { id: "tgt-c", nodes: 2 }] });
  for (const s of lab.selfManaged) await loadDemoData({ port: s.port, keys: 600, ttlRatio: 0, bigKeyElements: 200 });
  process.env.AWS_ACCESS_KEY_ID = lab.accounts.A.accessKeyId;
  process.env.AWS_SECRET_ACCESS_KEY = lab.accounts.A.secretAccessKey;
  actor = await seedOperator();
  sampler = testSampler();
}, 60_000);

afterAll(async () => {
  await Promise.all(runners.map((r) => r.stop()));
  await sampler?.stop();
  resetAwsClients();
  await lab?.stop();
});

function run(ownerId: string, crashAfter?: string): TRunner {
  const r = testRunner({
    ownerId,
    leaseMs: LEASE_MS,
    hooks: crashAfter ? { afterWorldChange: (call) => { if (call === crashAfter) throw new RunnerCrash(call); } } : undefined,
  });
  runners.push(r);
  r.start();
  return r;
}

async function migrationInto(i: number) {
  const src = lab.selfManaged[i];
  const groupId = lab.groups[i];
  const sourceId = await seedSelfManaged(actor, `${src.name}-ep`, src.port);
  const targetId = await seedElastiCache(actor, `${groupId}-ep`, lab, groupId);
  return { id: await seedMigration(actor, "online", sourceId, targetId), src, groupId, targetName: `${groupId}-ep` };
}

const calls = (action: string, groupId: string) => lab.calls({ action, groupId }).filter((c) => c.status === 200).length;
const owner = async (id: string) => (await db.migration.findUniqueOrThrow({ where: { id } })).leaseOwner;
const gateOpen = (id: string) => waitUntil("the cutover gate to open", async () => (await evaluateCutoverGate({ migrationId: id })).open);

async function expectPromotedWithEveryKey(groupId: string, srcPort: number) {
  const rg = (await labClients(lab).ec.send(new DescribeReplicationGroupsCommand({ ReplicationGroupId: groupId }))).ReplicationGroups![0];
  expect(rg.Status).toBe("available");
  const target = redisAt(rg.NodeGroups![0].PrimaryEndpoint!.Port!);
  const source = redisAt(srcPort);
  expect(await target.set("writable", "1")).toBe("OK");
  await target.del("writable");
  expect(await totalKeys(target)).toBe(await totalKeys(source));
  target.disconnect();
  source.disconnect();
}

afterEach(async () => {
  await Promise.all(runners.splice(0).map((r) => r.stop()));
});

describe("a runner killed mid-migration", () => {
  it("is replaced after its lease expires, and the migration continues with no duplicate calls", async () => {
    const { id, src, groupId, targetName } = await migrationInto(0);
    const a = run("runner-a");
    await startMigration({ actor, migrationId: id });
    await waitForState(id, "in-sync");
    // Killed between StartMigration and CompleteMigration: no lease release, as with kill -9.
    await a.stop({ releaseLeases: false });
    const b = run("runner-b");
    await new Promise((r) => setTimeout(r, LEASE_MS / 3));
    expect(await owner(id)).toBe("runner-a"); // B waits out A's lease rather than sharing the migration
    await gateOpen(id);
    await cutoverMigration({ actor, migrationId: id, confirmName: targetName });
    await waitForState(id, "completed");
    expect(b.crashed).toBe(false);
    expect([calls("TestMigration", groupId), calls("StartMigration", groupId), calls("CompleteMigration", groupId)]).toEqual([1, 1, 1]);
    const completedBy = await db.event.findFirstOrThrow({ where: { migrationId: id, type: "aws.complete_migration" } });
    expect(JSON.parse(completedBy.data!).runner).toBe("runner-b");
    await expectPromotedWithEveryKey(groupId, src.port);
  });

  it("dying right after StartMigration / CompleteMigration returned (before recording them) never sends them twice", async () => {
    const { id, src, groupId, targetName } = await migrationInto(1);
    const a = run("crash-after-start", "StartMigration");
    await startMigration({ actor, migrationId: id });
    await waitUntil("runner A to die after StartMigration", () => a.crashed);
    const startStep = (await stepsOf(id)).find((s) => s.name === "start")!;
    expect(startStep.status).toBe("running"); // the call landed but A never recorded it
    expect(JSON.parse(startStep.detail!).sentAt).toBeTruthy();

    const b = run("crash-after-complete", "CompleteMigration");
    await waitForState(id, "in-sync");
    expect(calls("StartMigration", groupId)).toBe(1);
    const source = redisAt(src.port);
    await source.set("written-while-in-sync", "yes"); // moves master_repl_offset past 0
    source.disconnect();
    await gateOpen(id);
    await cutoverMigration({ actor, migrationId: id, confirmName: targetName });
    await waitUntil("runner B to die after CompleteMigration", () => b.crashed);
    expect((await db.migration.findUniqueOrThrow({ where: { id } })).cutoverAt).toBeNull(); // not recorded by B

    run("runner-c");
    await waitForState(id, "completed");
    expect([calls("StartMigration", groupId), calls("CompleteMigration", groupId)]).toEqual([1, 1]);
    const m = await db.migration.findUniqueOrThrow({ where: { id } });
    expect(m.cutoverAt).not.toBeNull();
    expect(JSON.parse(m.finalOffsets!).source).toBeGreaterThan(0); // from B's write-ahead record
    await expectPromotedWithEveryKey(groupId, src.port);
  });
});
