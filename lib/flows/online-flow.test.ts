import "../../test/use-test-db";
import { describe, expect, it } from "vitest";
import { DescribeReplicationGroupsCommand } from "@aws-sdk/client-elasticache";
import { labClients, redisAt, totalKeys } from "../../lab/test-clients";
import { db } from "../db";
import { startMigration } from "./intents/start-migration";
import { cutoverMigration } from "./intents/cutover-migration";
import { abortMigration } from "./intents/abort-migration";
import { retryMigration } from "./intents/retry-migration";
import { clearPreflight, eventTypes, stepsOf, waitForState } from "./test-helpers/fixtures";
import { setUpFlowLab } from "./test-helpers/flow-lab";

const f = setUpFlowLab({
  lab: { selfManaged: [{ name: "src-a" }, { name: "src-b" }, { name: "src-c" }], groups: [{ id: "tgt-a", nodes: 2 }, { id: "tgt-b", nodes: 2 }, { id: "tgt-c", nodes: 2 }] },
  demoData: { keys: 800, bigKeyElements: 300 },
  sampler: true,
});
const run = f.run;
const onlineMigration = f.onlineMigration;
const callCount = f.ok;

const stateMoves = async (id: string) => (await db.event.findMany({ where: { migrationId: id, type: "migration.state" }, orderBy: { at: "asc" } })).map((e) => e.message.split(":")[0]);
const group = async (id: string) => (await labClients(f.lab).ec.send(new DescribeReplicationGroupsCommand({ ReplicationGroupId: id }))).ReplicationGroups![0];

describe("online flow through the runner against the lab", () => {
  it("refuses illegal transitions with a message that says why", async () => {
    const { id, targetName } = await onlineMigration(0, { cleared: false });
    await expect(cutoverMigration({ actor: f.actor, migrationId: id, confirmName: targetName })).rejects.toMatchObject({ code: "ILLEGAL_TRANSITION", message: expect.stringMatching(/Start the migration first/) });
    await expect(startMigration({ actor: f.actor, migrationId: id })).rejects.toMatchObject({ code: "ILLEGAL_TRANSITION", message: expect.stringMatching(/pre-flight/i) });
    await expect(abortMigration({ actor: f.actor, migrationId: id, confirmName: targetName })).rejects.toMatchObject({ code: "ILLEGAL_TRANSITION", message: expect.stringMatching(/has not started/) });
    await expect(retryMigration({ actor: f.actor, migrationId: id })).rejects.toMatchObject({ code: "ILLEGAL_TRANSITION" });
    await clearPreflight(id, "online");
    await startMigration({ actor: f.actor, migrationId: id });
    await expect(startMigration({ actor: f.other, migrationId: id })).rejects.toMatchObject({ code: "ILLEGAL_TRANSITION", message: expect.stringMatching(/already been started/) });
    await expect(cutoverMigration({ actor: f.actor, migrationId: id, confirmName: targetName })).rejects.toMatchObject({ code: "ILLEGAL_TRANSITION", message: expect.stringMatching(/initial sync/) });
    // Park it: the end-to-end test below takes this migration from here.
    expect((await db.migration.findUniqueOrThrow({ where: { id } })).state).toBe("running");
  });

  it("start -> in-sync -> cutover -> completed: target promoted, writable, with every key", async () => {
    const m = await db.migration.findFirstOrThrow({ where: { state: "running", target: { replicationGroupId: "tgt-a" } } });
    const src = f.lab.selfManaged[0];
    run();
    await waitForState(m.id, "in-sync");
    expect((await group("tgt-a")).Status).toBe("migrating");

    const source = redisAt(src.port);
    await source.set("written-while-in-sync", "yes");
    await f.gateOpen(m.id);
    await expect(cutoverMigration({ actor: f.actor, migrationId: m.id, confirmName: "tgt-a" })).rejects.toMatchObject({ code: "INVALID_INPUT", message: expect.stringMatching(/tgt-a-ep/) });
    await cutoverMigration({ actor: f.actor, migrationId: m.id, confirmName: "tgt-a-ep" });
    await waitForState(m.id, "completed");

    const rg = await group("tgt-a");
    expect(rg.Status).toBe("available");
    const target = redisAt(rg.NodeGroups![0].PrimaryEndpoint!.Port!);
    expect(await target.info("replication")).toMatch(/role:master/);
    expect(await target.get("written-while-in-sync")).toBe("yes");
    expect(await totalKeys(target)).toBe(await totalKeys(source));
    expect(await target.set("writable-after-cutover", "1")).toBe("OK");
    target.disconnect();
    source.disconnect();

    expect([callCount("TestMigration", "tgt-a"), callCount("StartMigration", "tgt-a"), callCount("CompleteMigration", "tgt-a")]).toEqual([1, 1, 1]);
    const after = await db.migration.findUniqueOrThrow({ where: { id: m.id } });
    const offsets = JSON.parse(after.finalOffsets!);
    expect(offsets.source).toBeGreaterThan(0);
    expect(offsets.source - offsets.target).toBeLessThanOrEqual(1024);
    expect(after.watchUntil!.getTime() - after.cutoverAt!.getTime()).toBeGreaterThan(23.9 * 3_600_000);
    expect(after.leaseOwner).toBeNull();
    const steps = await stepsOf(m.id);
    expect(steps.map((s) => `${s.name}:${s.status}`)).toEqual(
      ["preflight-ok", "baseline-before", "test", "start", "wait-in-sync", "cutover-gate", "complete", "baseline-after", "verify", "report"].map((s) => `${s}:done`),
    );
    expect(await db.verificationRun.count({ where: { migrationId: m.id, status: "queued" } })).toBe(1);
    expect(await db.baseline.count({ where: { migrationId: m.id, label: "after" } })).toBe(2);
    const types = await eventTypes(m.id);
    expect(types).toEqual(expect.arrayContaining(["migration.start_requested", "aws.start_migration", "migration.cutover_requested", "aws.complete_migration", "migration.cutover", "verify.queued"]));
    // Runner-side moves; draft->running and in-sync->cutting-over are the operators' intents.
    expect(await stateMoves(m.id)).toEqual(["running → in-sync", "cutting-over → completed"]);
  });

  it("two operators cutting over at once (two runners up): exactly one CompleteMigration", async () => {
    const { id, targetName, groupId } = await onlineMigration(1);
    run({ ownerId: "runner-1" });
    run({ ownerId: "runner-2" });
    await startMigration({ actor: f.actor, migrationId: id });
    await waitForState(id, "in-sync");
    await f.gateOpen(id);
    const results = await Promise.allSettled([
      cutoverMigration({ actor: f.actor, migrationId: id, confirmName: targetName }),
      cutoverMigration({ actor: f.other, migrationId: id, confirmName: targetName }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const refused = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(refused.reason).toMatchObject({ code: "ILLEGAL_TRANSITION", message: expect.stringMatching(/already requested by op\d+@example.com/) });
    await waitForState(id, "completed");
    expect(callCount("CompleteMigration", groupId)).toBe(1);
    expect(callCount("StartMigration", groupId)).toBe(1);
  });

  it("abort needs the target's name, stops replication with Force, and leaves the target a writable primary", async () => {
    const { id, targetName, groupId } = await onlineMigration(2);
    run();
    await startMigration({ actor: f.actor, migrationId: id });
    await waitForState(id, "in-sync");
    await expect(abortMigration({ actor: f.actor, migrationId: id, confirmName: "nope" })).rejects.toMatchObject({ code: "INVALID_INPUT" });
    await abortMigration({ actor: f.actor, migrationId: id, confirmName: targetName });
    await waitForState(id, "aborted");
    const rg = await group(groupId);
    expect(rg.Status).toBe("available");
    const target = redisAt(rg.NodeGroups![0].PrimaryEndpoint!.Port!);
    expect(await target.info("replication")).toMatch(/role:master/);
    target.disconnect();
    expect(callCount("CompleteMigration", groupId)).toBe(1);
    const steps = await stepsOf(id);
    expect(steps.find((s) => s.name === "abort")?.status).toBe("done");
    expect(steps.find((s) => s.name === "complete")?.status).toBe("skipped");
    expect(await eventTypes(id)).toContain("aws.complete_migration_forced");
    await expect(cutoverMigration({ actor: f.actor, migrationId: id, confirmName: targetName })).rejects.toMatchObject({ message: expect.stringMatching(/aborted/) });
  });
});
