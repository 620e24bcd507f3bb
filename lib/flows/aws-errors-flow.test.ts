import "../../test/use-test-db";
import { describe, expect, it } from "vitest";
import { Redis } from "ioredis";
import { DescribeReplicationGroupsCommand } from "@aws-sdk/client-elasticache";
import { labClients, redisAt } from "../../lab/test-clients";
import { pollUntil } from "../../test/test-helpers/poll-until";
import { db } from "../db";
import { startMigration } from "./intents/start-migration";
import { cutoverMigration } from "./intents/cutover-migration";
import { retryMigration } from "./intents/retry-migration";
import { getRunView } from "./get-run-view";
import { eventTypes, MULTI_STATE_TEST_MS, stepsOf, waitForState } from "./test-helpers/fixtures";
import { setUpFlowLab } from "./test-helpers/flow-lab";

const f = setUpFlowLab({
  lab: {
    selfManaged: [{ name: "src-t" }, { name: "src-auth", args: ["--requirepass", "s3cret"] }, { name: "src-g" }, { name: "src-l" }],
    groups: [{ id: "tgt-t", nodes: 2 }, { id: "tgt-auth", nodes: 2 }, { id: "tgt-g", nodes: 2 }, { id: "tgt-l", nodes: 2 }],
  },
  demoData: { keys: 300, bigKeyElements: 100, sources: [0, 2, 3] },
  sampler: true,
});

const calls = (action: string, groupId: string) => f.lab.calls({ action, groupId });
const stepDetail = async (id: string, name: string) => JSON.parse((await stepsOf(id)).find((s) => s.name === name)?.detail ?? "{}");
const targetPrimary = async (groupId: string) =>
  redisAt((await labClients(f.lab).ec.send(new DescribeReplicationGroupsCommand({ ReplicationGroupId: groupId }))).ReplicationGroups![0].NodeGroups![0].PrimaryEndpoint!.Port!);

/** In sync, gate open, cutover confirmed with no runner up; then the link stalls under a write so the gate closes. */
async function confirmedThenGateCloses(i: number) {
  const m = await f.onlineMigration(i);
  const stall = f.lab.faults.add({ kind: "stall-replication", groupId: m.groupId }); // StartMigration then goes through a relay we can hold
  const r = f.run();
  await startMigration({ actor: f.actor, migrationId: m.id });
  await pollUntil("StartMigration", () => f.ok("StartMigration", m.groupId) === 1);
  f.lab.faults.remove(stall);
  await waitForState(m.id, "in-sync");
  await f.gateOpen(m.id);
  await r.stop();
  await cutoverMigration({ actor: f.actor, migrationId: m.id, confirmName: m.targetName });

  f.lab.faults.add({ kind: "stall-replication", groupId: m.groupId });
  const source = redisAt(m.src.port);
  await source.set("big-write", "x".repeat(10_000));
  source.disconnect();
  await pollUntil("gate closed by lag", async () => !(await f.gate(m.id)).open);
  return m;
}

describe("AWS errors during a run", () => {
  it("throttling beyond the SDK's own retries is retried by the step with backoff, and StartMigration lands once", async () => {
    const { id, groupId } = await f.onlineMigration(0);
    f.lab.faults.add({ kind: "throttle", action: "StartMigration", count: 4 }); // the SDK makes 3 attempts per step attempt
    f.run();
    await startMigration({ actor: f.actor, migrationId: id });
    await waitForState(id, "in-sync");
    expect(calls("StartMigration", groupId).filter((c) => c.errorCode === "Throttling")).toHaveLength(4);
    expect(f.ok("StartMigration", groupId)).toBe(1);
    const start = (await stepsOf(id)).find((s) => s.name === "start")!;
    expect(start).toMatchObject({ status: "done", attempts: 2 });
    const retry = await db.event.findFirstOrThrow({ where: { migrationId: id, type: "step.retry_scheduled" } });
    expect(retry.message).toMatch(/throttling/i);
  });

  it("a permanent error fails the step with the AWS code and message; Retry after the fix resumes it", async () => {
    const { id, src, groupId } = await f.onlineMigration(1, { password: "s3cret" });
    f.run();
    await startMigration({ actor: f.actor, migrationId: id });
    await waitForState(id, "failed");
    const failed = await db.migration.findUniqueOrThrow({ where: { id } });
    expect(JSON.parse(failed.lastError!)).toMatchObject({ step: "test", code: "AWS_ERROR", awsCode: "InvalidParameterValue", message: expect.stringMatching(/^TestMigration of tgt-auth: AWS error InvalidParameterValue: .*customer/) });
    expect((await stepsOf(id)).find((s) => s.name === "test")?.status).toBe("failed");
    expect(f.ok("StartMigration", groupId)).toBe(0);
    // A failed migration holds no runner: the runner lets it go right after the pass that failed it.
    await pollUntil("the runner to release the failed migration", async () => (await db.migration.findUniqueOrThrow({ where: { id } })).leaseOwner === null);

    // The operator follows the message: the source drops AUTH, then Retry.
    const source = new Redis({ host: "127.0.0.1", port: src.port, password: "s3cret" });
    await source.config("SET", "requirepass", "");
    source.disconnect();
    await retryMigration({ actor: f.actor, migrationId: id });
    await waitForState(id, "in-sync");
    const test = (await stepsOf(id)).find((s) => s.name === "test")!;
    expect(test).toMatchObject({ status: "done", attempts: 2 });
    expect(f.ok("StartMigration", groupId)).toBe(1);
    expect(await eventTypes(id)).toEqual(expect.arrayContaining(["step.failed", "migration.retry_requested", "aws.start_migration"]));
  });

  it("a gate that closes between the operator's click and the call sends nothing, keeps the confirmation, and cuts over once the gate holds again", async () => {
    const { id, groupId } = await confirmedThenGateCloses(2);
    f.run();
    const held = await pollUntil("the cutover to be held", async () => ((await stepDetail(id, "complete")).heldSince ? stepDetail(id, "complete") : null));
    expect(held.holdReason).toMatch(/^the cutover gate is closed \(.*Byte lag/);
    expect((await db.migration.findUniqueOrThrow({ where: { id } })).state).toBe("cutting-over");
    expect(f.ok("CompleteMigration", groupId)).toBe(0);
    expect((await getRunView(id)).steps.find((s) => s.name === "complete")?.note).toMatch(/^Cutover confirmed by op\d+@example\.com; held because the cutover gate is closed/);

    f.lab.faults.clear();
    await waitForState(id, "completed");
    expect(f.ok("CompleteMigration", groupId)).toBe(1);
    const target = await targetPrimary(groupId);
    expect(await target.get("big-write")).toHaveLength(10_000);
    target.disconnect();
    const types = await eventTypes(id);
    expect(types.filter((t) => t === "migration.cutover_held")).toHaveLength(1);
    expect(types).not.toContain("migration.cutover_refused");
  }, MULTI_STATE_TEST_MS);

  it("a confirmation the gate never lets through lapses after cutoverHoldMs: in-sync again, nothing sent, and the page says why", async () => {
    const { id, groupId, targetName } = await confirmedThenGateCloses(3);
    const impatient = f.run({ flow: { cutoverHoldMs: 1_000 } });
    await waitForState(id, "in-sync");
    expect(f.ok("CompleteMigration", groupId)).toBe(0);
    const lapsed = await db.event.findFirstOrThrow({ where: { migrationId: id, type: "migration.cutover_refused" } });
    expect(lapsed.message).toMatch(/^Cutover not sent: the cutover confirmed by op\d+@example\.com at .* UTC lapsed: .*Byte lag/);
    await pollUntil("the gate step to say why", async () => /The last confirmation did not go through: .*lapsed/.test((await getRunView(id)).steps.find((s) => s.name === "cutover-gate")?.note ?? ""));

    // The operator confirms again once the gate is open, and this time the call goes (under the
    // default hold: a sample that flaps between the click and the call must not lapse it again).
    await impatient.stop();
    f.run();
    f.lab.faults.clear();
    await f.gateOpen(id);
    await cutoverMigration({ actor: f.actor, migrationId: id, confirmName: targetName });
    await pollUntil("CompleteMigration", () => f.ok("CompleteMigration", groupId) === 1);
  }, MULTI_STATE_TEST_MS);
});
