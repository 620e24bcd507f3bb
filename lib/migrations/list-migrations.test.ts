import "../../test/use-test-db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../db";
import type { TSessionUser } from "../auth/sessions";
import { recordEvent } from "../events/record-event";
import { enqueueVerification } from "../verify/jobs/start-verification";
import { seedBoth, seedMixed, startRedisPair, type RedisPair } from "../verify/test-helpers/test-redis-pair";
import { createTestMigration, createTestOperator, waitForRun } from "../verify/test-helpers/test-migration-fixture";
import { startVerificationWorker } from "../verify/jobs/verification-worker";
import { listMigrations } from "./list-migrations";

// Issue 18 item 2: a migration whose report says FAIL must not read as a plain green "completed".
let same: RedisPair, diff: RedisPair;
let operator: TSessionUser;
let worker: { stop(): Promise<void> };

async function completedAndVerified(pair: RedisPair, name: string) {
  const m = await createTestMigration({ ...pair, name });
  await db.migration.update({ where: { id: m.id }, data: { state: "completed", completedAt: new Date() } });
  const { id } = await enqueueVerification({ migrationId: m.id, requestedBy: operator.email, options: { rounds: 1, reverse: true } });
  await waitForRun(id, ["done", "failed"]);
  return m;
}

beforeAll(async () => {
  [same, diff] = await Promise.all([startRedisPair(), startRedisPair()]);
  await Promise.all([seedBoth(same, (r) => seedMixed(r, 50)), seedBoth(diff, (r) => seedMixed(r, 50))]);
  await diff.tgt.set("only-on-target", "x");
  operator = await createTestOperator();
  worker = startVerificationWorker({ pollMs: 50 });
});
afterAll(async () => {
  await worker.stop();
  await Promise.all([same.stop(), diff.stop()]);
});

describe("the migrations list", () => {
  it("shows each migration's report verdict, the live lag of a running one and its last event", async () => {
    await completedAndVerified(same, "good-one");
    await completedAndVerified(diff, "bad-one");
    const running = await createTestMigration({ ...same, name: "running-one" });
    await db.migration.update({ where: { id: running.id }, data: { state: "in-sync" } });
    await db.sample.create({ data: { migrationId: running.id, at: new Date(), lagBytes: 2048 } });
    await recordEvent({ type: "test.note", migrationId: running.id, message: "Replication link is up." });

    const byName = Object.fromEntries((await listMigrations()).map((m) => [m.name, m]));
    expect(byName["good-one"]).toMatchObject({ state: "completed", verdict: { result: "PASS" }, lagBytes: null });
    expect(byName["bad-one"]).toMatchObject({ state: "completed", verdict: { result: "FAIL", why: expect.stringContaining("differ") } });
    expect(byName["running-one"]).toMatchObject({ verdict: null, lagBytes: 2048, lastEvent: { message: "Replication link is up." } });
  });
});
