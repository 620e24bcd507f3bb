// Two `npm run worker` processes on one database (DATABASE_URL: the SQLite file of use-test-db, or
// PostgreSQL when that is what it names) share one large verification, then one is killed -9.
import "./use-test-db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { enqueueVerification } from "@/lib/verify/jobs/start-verification";
import { VERIFICATION_LEASE_MS } from "@/lib/verify/jobs/unit-lease";
import { VERIFICATION_POLL_MS } from "@/lib/verify/jobs/verification-worker";
import { SPLIT_MIN_KEYS } from "@/lib/verify/jobs/plan-verification-units";
import type { TStoredVerificationResult } from "@/lib/verify/jobs/verification-result";
import { seedBoth, seedMixed, startRedisPair, type RedisPair } from "@/lib/verify/test-helpers/test-redis-pair";
import { createTestMigration, waitForRun } from "@/lib/verify/test-helpers/test-migration-fixture";
import { pollUntil } from "./test-helpers/poll-until";
import { ownerPid, startWorkerProcess, type TWorkerProcess } from "./test-helpers/worker-process";

const KEYS = 10 * SPLIT_MIN_KEYS;
const deleted = Array.from({ length: 12 }, (_, i) => `k:${i * 16_000 + 3}`);
let pair: RedisPair;
let workers: TWorkerProcess[] = [];

beforeAll(async () => {
  pair = await startRedisPair();
  await seedBoth(pair, (r) => seedMixed(r, KEYS));
  await pair.tgt.del(...deleted);
  workers = await Promise.all([startWorkerProcess(), startWorkerProcess()]);
}, 120_000);
afterAll(async () => {
  await Promise.all(workers.map((w) => w.kill()));
  await pair.stop();
});

const unitsOf = (verificationId: string) => db.verificationUnit.findMany({ where: { verificationId }, orderBy: [{ rangeIndex: "asc" }] });
const keysCheckpointed = (units: { checkpoint: string | null; result: string | null }[]) =>
  units.reduce((n, u) => n + (u.result ? JSON.parse(u.result).keysCompared : u.checkpoint ? JSON.parse(u.checkpoint).keysCompared : 0), 0);

describe("two workers on one database", () => {
  it("share one large verification in units; after kill -9 of one, the other takes its units over once their lease lapses and finishes with the right verdict", async () => {
    const migration = await createTestMigration(pair);
    const enqueuedAt = Date.now();
    // Small batches, one in flight: slow enough that the kill lands mid-run.
    const { id } = await enqueueVerification({ migrationId: migration.id, requestedBy: "runner", options: { rounds: 1, reverse: false, dbs: [0], batchSize: 10, pipelineDepth: 1 } });
    const [victim, survivor] = workers;
    const heldBy = (w: TWorkerProcess, owner: string | null) => !!owner && w.pids().includes(ownerPid(owner));

    // Both workers have taken units, and the victim is mid-way through one (its checkpoint is stored).
    await pollUntil("both workers to hold units, the victim one with a checkpoint", async () => {
      const units = await unitsOf(id);
      const owners = units.flatMap((u) => JSON.parse(u.owners) as string[]);
      return owners.some((o) => heldBy(survivor, o)) && units.some((u) => u.status === "running" && u.checkpoint && heldBy(victim, u.leaseOwner));
    }, { timeoutMs: 60_000 });
    const victimPids = victim.pids();
    await victim.kill();
    const killedAt = Date.now();
    const atKill = await unitsOf(id);
    const orphaned = atKill.filter((u) => u.status === "running" && victimPids.includes(ownerPid(u.leaseOwner!)));
    expect(orphaned.length).toBeGreaterThan(0);
    const doneAtKill = keysCheckpointed(atKill);
    expect(doneAtKill).toBeLessThan(KEYS);

    // The survivor resumes the orphans once their lease lapses (and it polls), then does the rest at
    // the pace both workers kept so far (at most twice as long per key alone, twice more for a busy machine).
    const msPerKey = (killedAt - enqueuedAt) / Math.max(1, doneAtKill);
    const budget = VERIFICATION_LEASE_MS + 2 * VERIFICATION_POLL_MS + 4 * msPerKey * (KEYS - doneAtKill);
    const run = await waitForRun(id, ["done", "failed", "cancelled"], budget);
    expect(run.status).toBe("done");

    const units = await unitsOf(id);
    expect(units.every((u) => u.status === "done")).toBe(true);
    for (const o of orphaned) {
      const after = units.find((u) => u.id === o.id)!;
      const owners = JSON.parse(after.owners) as string[];
      expect(owners.slice(-1).map((x) => survivor.pids().includes(ownerPid(x)))).toEqual([true]);
    }
    // No lease was taken from a live holder: every resume came after the victim's lease ran out.
    const resumed = await db.event.findMany({ where: { migrationId: migration.id, type: "verification.resumed" } });
    expect(resumed.length).toBe(orphaned.filter((u) => u.checkpoint).length);
    const lapsedAt = Math.min(...orphaned.map((u) => u.leaseUntil!.getTime()));
    for (const e of resumed) expect(e.at.getTime()).toBeGreaterThanOrEqual(lapsedAt);

    const result = JSON.parse(run.result!) as TStoredVerificationResult;
    expect(result).toMatchObject({ keysCompared: KEYS, mismatchCount: deleted.length, resumed: true, totals: { OK: KEYS - deleted.length, MISSING: deleted.length } });
    const rows = await db.mismatch.findMany({ where: { verificationId: id } });
    expect(rows.map((r) => `${r.keyDisplay} ${r.status}`).sort()).toEqual(deleted.map((k) => `${k} MISSING`).sort());
    const types = (await db.event.findMany({ where: { migrationId: migration.id }, orderBy: { at: "asc" } })).map((e) => e.type);
    expect(types.filter((t) => t !== "verification.resumed")).toEqual(["verification.started", "verification.finished"]);
  }, 240_000);
});
