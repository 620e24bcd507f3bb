import "../../test/use-test-db";
import { describe, expect, it } from "vitest";
import { DescribeReplicationGroupsCommand } from "@aws-sdk/client-elasticache";
import { labClients, redisAt, totalKeys } from "../../lab/test-clients";
import { pollUntil } from "../../test/test-helpers/poll-until";
import { db } from "../db";
import { gateOptionsOf, readMigrationOptions } from "../migrations/migration-record";
import { startMigration } from "./intents/start-migration";
import { cutoverMigration } from "./intents/cutover-migration";
import { eventTypes, MULTI_STATE_TEST_MS, stepsOf, waitForState } from "./test-helpers/fixtures";
import { setUpFlowLab, type TRunOptions } from "./test-helpers/flow-lab";

const LEASE_MS = 1_000;
const f = setUpFlowLab({
  lab: { selfManaged: [{ name: "src-k" }, { name: "src-c" }, { name: "src-r" }], groups: [{ id: "tgt-k", nodes: 2 }, { id: "tgt-c", nodes: 2 }, { id: "tgt-r", nodes: 2 }] },
  demoData: { keys: 600, bigKeyElements: 200 },
  sampler: true,
});

const run = (ownerId: string, crashAfter?: string, o: TRunOptions = {}) => f.run({ ownerId, leaseMs: LEASE_MS, crashAfter, ...o });
const owner = async (id: string) => (await db.migration.findUniqueOrThrow({ where: { id } })).leaseOwner;
const calls = f.ok;

async function expectPromotedWithEveryKey(groupId: string, srcPort: number) {
  const rg = (await labClients(f.lab).ec.send(new DescribeReplicationGroupsCommand({ ReplicationGroupId: groupId }))).ReplicationGroups![0];
  expect(rg.Status).toBe("available");
  const target = redisAt(rg.NodeGroups![0].PrimaryEndpoint!.Port!);
  const source = redisAt(srcPort);
  expect(await target.set("writable", "1")).toBe("OK");
  await target.del("writable");
  expect(await totalKeys(target)).toBe(await totalKeys(source));
  target.disconnect();
  source.disconnect();
}

async function writeToSource(port: number) {
  const source = redisAt(port);
  await source.set("written-while-in-sync", "yes"); // moves master_repl_offset past 0
  source.disconnect();
}

describe("a runner killed mid-migration", () => {
  it("is replaced after its lease expires, and the migration continues with no duplicate calls", async () => {
    const { id, src, groupId, targetName } = await f.onlineMigration(0);
    const a = run("runner-a");
    await startMigration({ actor: f.actor, migrationId: id });
    await waitForState(id, "in-sync");
    // Killed between StartMigration and CompleteMigration: no lease release, as with kill -9.
    await a.stop({ releaseLeases: false });
    const b = run("runner-b");
    await new Promise((r) => setTimeout(r, LEASE_MS / 3));
    expect(await owner(id)).toBe("runner-a"); // B waits out A's lease rather than sharing the migration
    await f.gateOpen(id);
    await cutoverMigration({ actor: f.actor, migrationId: id, confirmName: targetName });
    await waitForState(id, "completed");
    expect(b.crashed).toBe(false);
    expect([calls("TestMigration", groupId), calls("StartMigration", groupId), calls("CompleteMigration", groupId)]).toEqual([1, 1, 1]);
    const completedBy = await db.event.findFirstOrThrow({ where: { migrationId: id, type: "aws.complete_migration" } });
    expect(JSON.parse(completedBy.data!).runner).toBe("runner-b");
    await expectPromotedWithEveryKey(groupId, src.port);
  });

  it("dying right after StartMigration / CompleteMigration returned (before recording them) never sends them twice, and the cutover moment is the call's", async () => {
    const { id, src, groupId, targetName } = await f.onlineMigration(1);
    const a = run("crash-after-start", "StartMigration");
    await startMigration({ actor: f.actor, migrationId: id });
    await pollUntil("runner A to die after StartMigration", () => a.crashed);
    const startStep = (await stepsOf(id)).find((s) => s.name === "start")!;
    expect(startStep.status).toBe("running"); // the call landed but A never recorded it
    expect(JSON.parse(startStep.detail!).sentAt).toBeTruthy();

    const b = run("crash-after-complete", "CompleteMigration");
    await waitForState(id, "in-sync");
    expect(calls("StartMigration", groupId)).toBe(1);
    await writeToSource(src.port);
    await f.gateOpen(id);
    await cutoverMigration({ actor: f.actor, migrationId: id, confirmName: targetName });
    await pollUntil("runner B to die after CompleteMigration", () => b.crashed);
    const diedAt = Date.now();
    expect((await db.migration.findUniqueOrThrow({ where: { id } })).cutoverAt).toBeNull(); // not recorded by B

    run("runner-c");
    await waitForState(id, "completed");
    expect([calls("StartMigration", groupId), calls("CompleteMigration", groupId)]).toEqual([1, 1]);
    const m = await db.migration.findUniqueOrThrow({ where: { id } });
    const sentAt = Date.parse(JSON.parse((await stepsOf(id)).find((s) => s.name === "complete")!.detail!).sentAt);
    // The moment B sent CompleteMigration, not the moment C found the promotion (after B's lease ran out).
    expect(m.cutoverAt!.getTime()).toBe(sentAt);
    expect(m.cutoverAt!.getTime()).toBeLessThanOrEqual(diedAt);
    expect(JSON.parse(m.finalOffsets!).source).toBeGreaterThan(0); // from B's write-ahead record
    await expectPromotedWithEveryKey(groupId, src.port);
  });

  it("a cutover confirmed just before the server died is carried out after the restart, once the gate holds again", async () => {
    const { id, src, groupId, targetName } = await f.onlineMigration(2);
    const a = run("before-restart");
    await startMigration({ actor: f.actor, migrationId: id });
    await waitForState(id, "in-sync");
    await writeToSource(src.port);
    await f.gateOpen(id);
    // The server dies right after recording the operator's confirmation: runner and monitor with it.
    await a.stop({ releaseLeases: false });
    await cutoverMigration({ actor: f.actor, migrationId: id, confirmName: targetName });
    const monitor = await f.stopSampler();
    const { maxSampleAgeSeconds } = gateOptionsOf(readMigrationOptions((await db.migration.findUniqueOrThrow({ where: { id } })).options));
    await pollUntil("the gate to close without samples", async () => !(await f.gate(id)).open, { timeoutMs: (maxSampleAgeSeconds + 5) * 1000 });

    run("after-restart");
    await pollUntil("the confirmed cutover to be held", async () => JSON.parse((await stepsOf(id)).find((s) => s.name === "complete")?.detail ?? "{}").heldSince, { timeoutMs: LEASE_MS + 15_000 });
    expect((await db.migration.findUniqueOrThrow({ where: { id } })).state).toBe("cutting-over");
    expect(calls("CompleteMigration", groupId)).toBe(0);

    monitor.restart();
    await waitForState(id, "completed");
    expect(calls("CompleteMigration", groupId)).toBe(1);
    expect(await eventTypes(id)).not.toContain("migration.cutover_refused");
    await expectPromotedWithEveryKey(groupId, src.port);
  }, MULTI_STATE_TEST_MS);
});
