import "../../../test/use-test-db";
import { spawn } from "node:child_process";
import path from "node:path";
import Redis from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { readOnlyRefusal } from "@/lib/redis/read-only-refusal";
import type { TSessionUser } from "@/lib/auth/sessions";
import { cancelVerification } from "./cancel-verification";
import { enqueueVerification, startVerification } from "./start-verification";
import { seedBoth, seedMixed, startRedisPair, type RedisPair } from "../test-helpers/test-redis-pair";
import { createTestMigration, createTestOperator, waitForRun } from "../test-helpers/test-migration-fixture";
import { startVerificationWorker } from "./verification-worker";
import { UNITS_PER_DB } from "./plan-verification-units";
import { pollUntil } from "@/test/test-helpers/poll-until";
import type { TStoredVerificationResult } from "./verification-result";

const BINARY_KEY = Buffer.from("bin,\"key\"\n\x00\xff", "latin1");
const BIG_DB = 5;
const BIG_KEYS = 120_000;
const bigDeleted = Array.from({ length: 10 }, (_, i) => `big:${i * 11_000 + 7}`);
let pair: RedisPair;
let operator: TSessionUser;

beforeAll(async () => {
  pair = await startRedisPair();
  await seedBoth(pair, async (r) => {
    await seedMixed(r, 2000);
    await r.set(BINARY_KEY, "v");
    await r.hset("profile", "name", "ada", "plan", "pro");
  });
  await pair.tgt.del("k:6", BINARY_KEY);
  await pair.tgt.hset("profile", "plan", "free");
  await pair.tgt.set("only-in-target", "x");
  // A bigger keyspace in another db for the kill and cancel tests: slow enough to interrupt.
  const [s5, t5] = [pair.source, pair.target].map((p) => new Redis({ host: p.host, port: p.port, db: BIG_DB }));
  await Promise.all([seedMixed(s5, BIG_KEYS, "big"), seedMixed(t5, BIG_KEYS, "big")]);
  await t5.del(...bigDeleted);
  s5.disconnect();
  t5.disconnect();
  operator = await createTestOperator();
}, 60_000);
afterAll(() => pair.stop());

/**
 * Keys whose comparison is kept: a finished unit's whole count (its checkpoint is cleared when it
 * ends), a running or cancelled unit's checkpoint. On a fast machine some units finish early.
 */
const checkpointedKeys = async (verificationId: string) =>
  (await db.verificationUnit.findMany({ where: { verificationId } })).reduce((n, u) =>
    n + (u.status === "done" && u.result ? JSON.parse(u.result).keysCompared : u.checkpoint ? JSON.parse(u.checkpoint).keysCompared : 0), 0);

const midUnit = async (verificationId: string) =>
  (await db.verificationUnit.findMany({ where: { verificationId, status: "running" } })).some((u) => {
    const done = u.checkpoint ? (JSON.parse(u.checkpoint) as { keysCompared: number }).keysCompared : 0;
    return done > 0 && done < (BIG_KEYS / UNITS_PER_DB) * 0.8;
  });

const rowsOf = async (verificationId: string) =>
  (await db.mismatch.findMany({ where: { verificationId } })).map((m) => `${m.db} ${m.keyDisplay} ${m.status}`).sort();

describe("verification worker", () => {
  it("runs a queued verification, stores exactly the injected differences, and sends only reads to the source", async () => {
    const migration = await createTestMigration(pair);
    const { id } = await startVerification({ actor: operator, migrationId: migration.id, options: { rounds: 2, roundDelayMs: 50, reverse: true, dbs: [0] } });
    const second = await enqueueVerification({ migrationId: migration.id, requestedBy: "runner" }).catch((e: unknown) => e);
    expect(second).toBeInstanceOf(AppError);
    expect((second as AppError).code).toBe("CONFLICT");
    expect((second as AppError).detail?.activeRunId).toBe(id);

    await pair.src.config("RESETSTAT");
    const worker = startVerificationWorker({ pollMs: 50 });
    const run = await waitForRun(id, ["done", "failed"]).finally(() => worker.stop());
    expect(run.error).toBeNull();
    expect(run.status).toBe("done");
    expect(await rowsOf(id)).toEqual(["0 bin,\"key\"\\n\\x00\\xff MISSING", "0 k:6 MISSING", "0 only-in-target EXTRA", "0 profile VALUE"]);
    const binary = await db.mismatch.findFirstOrThrow({ where: { verificationId: id, keyDisplay: { startsWith: "bin" } } });
    expect(Buffer.from(binary.keyBase64, "base64").equals(BINARY_KEY)).toBe(true);
    const result = JSON.parse(run.result!) as TStoredVerificationResult;
    expect(result).toMatchObject({ keysCompared: 2002, mismatchCount: 4, roundsRun: 2, totals: { OK: 1999, MISSING: 2, VALUE: 1, EXTRA: 1 } });
    expect(run.leaseOwner).toBeNull();

    const stats = await pair.src.info("commandstats");
    const sent = [...stats.matchAll(/^cmdstat_([a-z_|]+):/gm)].map((m) => m[1].replace("|", " "));
    expect(sent).toContain("dump");
    // commandstats shows no script SHA; the allow-list admits *_RO scripts by SHA only (read-only.test.ts)
    // and the server refuses writes inside them. The commands the script ran are listed on their own.
    const scripts = ["evalsha_ro", "eval_ro"];
    expect(sent.filter((c) => c !== "config resetstat" /* the test's own */ && !scripts.includes(c) && readOnlyRefusal(c.split(" ")[0], c.split(" ").slice(1)) !== null)).toEqual([]);

    const events = await db.event.findMany({ where: { migrationId: migration.id }, orderBy: { at: "asc" } });
    expect(events.map((e) => e.type)).toEqual(["verification.requested", "verification.started", "verification.finished"]);
    expect(events[2].message).toContain("4 differ (MISSING 2, VALUE 1, EXTRA 1)");
  });

  it("resumes a killed worker's units from their checkpoints after the lease expires, without re-scanning or duplicate rows", async () => {
    const migration = await createTestMigration(pair);
    const { id } = await enqueueVerification({ migrationId: migration.id, requestedBy: "runner", options: { rounds: 1, dbs: [BIG_DB], batchSize: 50, pipelineDepth: 1, reverse: false } });
    const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", path.join(import.meta.dirname, "../test-helpers/test-worker-process.ts"), "worker-killed", "1500", "100"], {
      env: process.env,
      stdio: ["ignore", "ignore", "inherit"],
    });
    const exited = new Promise((r) => child.once("exit", r));
    try {
      // A busy machine may take a while to start the child: wait for progress, not for a fixed time.
      // The kill must land inside a unit, not in the worker's poll between two units: wait until a
      // running unit has checkpointed yet is well short of its share of the keys (small batches
      // keep a unit going for many checkpoint intervals).
      await pollUntil("the child worker to checkpoint 25,000 keys, mid-unit", async () =>
        (await checkpointedKeys(id)) >= 25_000 && (await midUnit(id)), { timeoutMs: 60_000 });
    } finally {
      child.kill("SIGKILL");
      await exited;
    }
    const held = await db.verificationUnit.findMany({ where: { verificationId: id, status: "running" } });
    expect(held.length).toBeGreaterThan(0);
    expect(held.every((u) => u.leaseOwner === "worker-killed")).toBe(true);
    const atKill = await checkpointedKeys(id);
    expect(atKill).toBeGreaterThanOrEqual(25_000);
    expect(atKill).toBeLessThan(BIG_KEYS);

    await pair.src.config("RESETSTAT");
    const worker = startVerificationWorker({ owner: "worker-b", pollMs: 50, leaseMs: 1500 });
    const run = await waitForRun(id, ["done", "failed"], 30_000).finally(() => worker.stop());
    expect(run.status).toBe("done");
    const result = JSON.parse(run.result!) as TStoredVerificationResult;
    expect(result.resumed).toBe(true);
    expect(result.keysCompared).toBe(BIG_KEYS);
    // Only the keys after each unit's checkpoint were read again: one PTTL per key on the source.
    const pttl = Number(/cmdstat_pttl:calls=(\d+)/.exec(await pair.src.info("commandstats"))?.[1]);
    expect(pttl).toBe(BIG_KEYS - atKill);
    expect(await rowsOf(id)).toEqual(bigDeleted.map((k) => `${BIG_DB} ${k} MISSING`).sort());
    const types = (await db.event.findMany({ where: { migrationId: migration.id }, orderBy: { at: "asc" } })).map((e) => e.type);
    const resumedUnits = held.filter((u) => u.checkpoint).length;
    expect(types).toEqual(["verification.started", ...Array(resumedUnits).fill("verification.resumed"), "verification.finished"]);
  }, 120_000);

  it("cancels a running verification within about a second, keeping its checkpoint; a queued one at once", async () => {
    const migration = await createTestMigration(pair);
    const { id } = await enqueueVerification({ migrationId: migration.id, requestedBy: operator.email, options: { rounds: 2, roundDelayMs: 60_000, dbs: [BIG_DB], batchSize: 50, pipelineDepth: 1 } });
    // Two rounds a minute apart: on a fast machine the cancel may land after the scan, in the wait.
    const worker = startVerificationWorker({ pollMs: 50, leaseMs: 3000, heartbeatMs: 200 });
    try {
      for (let p = 0; p < 5000; ) {
        await new Promise((r) => setTimeout(r, 50));
        const row = await db.verificationRun.findUniqueOrThrow({ where: { id } });
        p = row.progress ? JSON.parse(row.progress).keysDone : 0;
      }
      const asked = Date.now();
      expect(await cancelVerification({ actor: operator, migrationId: migration.id })).toEqual({ id, status: "cancelling" });
      const run = await waitForRun(id, ["cancelled", "done", "failed"], 5000);
      expect(run.status).toBe("cancelled");
      expect(Date.now() - asked).toBeLessThan(1500);
      expect(await checkpointedKeys(id)).toBeGreaterThanOrEqual(5000);
      // Units that finished before the cancel stay done; none is left queued or running.
      expect(await db.verificationUnit.count({ where: { verificationId: id, status: { in: ["queued", "running"] } } })).toBe(0);
      expect(run.endedAt).not.toBeNull();
    } finally {
      await worker.stop();
    }
    const queued = await enqueueVerification({ migrationId: migration.id, requestedBy: operator.email });
    expect(await cancelVerification({ actor: operator, migrationId: migration.id })).toEqual({ id: queued.id, status: "cancelled" });
    const types = (await db.event.findMany({ where: { migrationId: migration.id }, orderBy: { at: "asc" } })).map((e) => e.type);
    expect(types).toEqual(["verification.started", "verification.cancel_requested", "verification.cancelled", "verification.cancelled"]);
  }, 30_000);
});
