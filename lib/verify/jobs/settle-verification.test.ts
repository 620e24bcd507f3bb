import "../../../test/use-test-db";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createTestMigration, waitForRun } from "../test-helpers/test-migration-fixture";
import { startVerificationWorker } from "./verification-worker";

// No redis-server needed: the rows say where these ends would be, and nothing connects to them.
const ends = { source: { host: "127.0.0.1", port: 1 }, target: { host: "127.0.0.1", port: 2 } } as Parameters<typeof createTestMigration>[0];

describe("settling a run", () => {
  it("an idle worker writes the verdict of a run whose last unit ended without it (its worker died in between)", async () => {
    const migration = await createTestMigration(ends);
    const run = await db.verificationRun.create({ data: { migrationId: migration.id, status: "running", plannedAt: new Date(), startedAt: new Date() } });
    const result = (keys: number) => JSON.stringify({
      mode: "full", dbs: [0], counts: [], totals: { OK: keys, MISSING: 0, TYPE: 0, VALUE: 0, TTL: 0, EXTRA: 0 }, mismatchCount: 0, truncated: false,
      keysCompared: keys, extraKeysScanned: 0, durationMs: 10, scanMs: 10, keysPerSec: 0, roundsRun: 1, notRechecked: 0, resumed: false,
      peakBytesInFlight: 0, scriptRead: false, sourceNoTouch: true, notes: [],
    });
    await db.verificationUnit.createMany({
      data: [0, 1].map((rangeIndex) => ({ verificationId: run.id, db: 0, rangeIndex, rangeCount: 2, status: "done", result: result(100 + rangeIndex), progress: "null" })),
    });
    const worker = startVerificationWorker({ pollMs: 50 });
    const settled = await waitForRun(run.id, ["done", "failed", "cancelled"]).finally(() => worker.stop());
    expect(settled.status).toBe("done");
    expect(JSON.parse(settled.result!)).toMatchObject({ keysCompared: 201, totals: { OK: 201 } });
    expect((await db.event.findMany({ where: { migrationId: migration.id } })).map((e) => e.type)).toEqual(["verification.finished"]);
  });
});
