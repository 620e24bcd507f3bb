import "../../../test/use-test-db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { TSessionUser } from "@/lib/auth/sessions";
import { AppError } from "@/lib/errors";
import { compareKeyspaces } from "../engine/compare-keyspaces";
import { seedBoth, seedMixed, startRedisPair, type RedisPair } from "../test-helpers/test-redis-pair";
import { createTestMigration, createTestOperator, waitForRun } from "../test-helpers/test-migration-fixture";
import { cancelVerification } from "./cancel-verification";
import { enqueueVerification } from "./start-verification";
import { startVerificationWorker } from "./verification-worker";
import { SPLIT_MIN_KEYS } from "./plan-verification-units";

// A source frozen with SIGSTOP mid-scan: the process is alive, the socket open, no byte comes back.
// Under SPLIT_MIN_KEYS, so the stuck run is one unit: with more, the worker claimed another unit of
// it after the healthy run finished, and that unit renewed its lease until it too was owed a reply
// for two heartbeats, which on a loaded machine could fall inside the test's "no renewal" window.
const KEYS = SPLIT_MIN_KEYS / 2;
const REPLY_TIMEOUT_MS = 1500;
let frozen: RedisPair;
let healthy: RedisPair;
let operator: TSessionUser;

beforeAll(async () => {
  [frozen, healthy] = await Promise.all([startRedisPair(), startRedisPair()]);
  await Promise.all([seedBoth(frozen, (r) => seedMixed(r, KEYS)), seedBoth(healthy, (r) => seedMixed(r, 2000))]);
  operator = await createTestOperator();
}, 60_000);
afterAll(async () => {
  thaw();
  await Promise.all([frozen?.stop(), healthy?.stop()]);
});

const freeze = () => process.kill(frozen.source.pid, "SIGSTOP");
const thaw = () => process.kill(frozen.source.pid, "SIGCONT");
const sourceName = () => `source ${frozen.source.host}:${frozen.source.port}`;

async function outcome(run: Promise<unknown>): Promise<AppError> {
  const err = await run.then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

describe("a frozen server", () => {
  it("fails the run once the reply deadline passes, naming the silent end", async () => {
    let frozenAt = 0;
    const run = compareKeyspaces({
      ...frozen.sides, rounds: 1, batchSize: 100, pipelineDepth: 1, replyTimeoutMs: REPLY_TIMEOUT_MS, progressIntervalMs: 0,
      onProgress: (p) => {
        if (p.phase !== "scan" || p.keysDone === 0 || frozenAt) return;
        frozenAt = Date.now();
        freeze();
      },
    });
    try {
      const err = await outcome(run);
      expect(frozenAt).toBeGreaterThan(0);
      expect(err.code).toBe("REDIS_TIMEOUT");
      expect(err.message).toBe(`${sourceName()} sent no reply for 1.5 s`);
      const waited = Date.now() - frozenAt;
      expect(waited).toBeGreaterThanOrEqual(REPLY_TIMEOUT_MS);
      expect(waited).toBeLessThan(2 * REPLY_TIMEOUT_MS);
    } finally {
      thaw();
    }
  });

  it("Cancel lands within a second although the server never answers", async () => {
    const abort = new AbortController();
    let abortedAt = 0;
    const run = compareKeyspaces({
      ...frozen.sides, rounds: 1, batchSize: 100, pipelineDepth: 1, replyTimeoutMs: 60_000, signal: abort.signal, progressIntervalMs: 0,
      onProgress: (p) => {
        if (p.phase !== "scan" || p.keysDone === 0 || abortedAt) return;
        freeze();
        abortedAt = -1;
        setTimeout(() => ((abortedAt = Date.now()), abort.abort()), 500);
      },
    });
    try {
      const err = await outcome(run);
      expect(err.code).toBe("VERIFY_CANCELLED");
      expect(Date.now() - abortedAt).toBeLessThan(1000);
      expect((err.detail?.checkpoint as { keysCompared: number }).keysCompared).toBeGreaterThan(0);
    } finally {
      thaw();
    }
  });

  it("in the worker: another migration's verification runs meanwhile, the stuck run's lease is not renewed, and Cancel lands within a second", async () => {
    const [stuck, other] = await Promise.all([createTestMigration(frozen), createTestMigration(healthy)]);
    const a = await enqueueVerification({ migrationId: stuck.id, requestedBy: "runner", options: { rounds: 1, batchSize: 20, pipelineDepth: 1, dbs: [0], replyTimeoutMs: 60_000 } });
    const b = await enqueueVerification({ migrationId: other.id, requestedBy: "runner", options: { rounds: 1, dbs: [0] } });
    const heartbeatMs = 200;
    const worker = startVerificationWorker({ pollMs: 50, leaseMs: 20_000, heartbeatMs, concurrency: 2 });
    try {
      await waitForProgress(a.id);
      freeze();
      const done = await waitForRun(b.id, ["done", "failed"]);
      expect(done.status).toBe("done");
      // Two heartbeats after the freeze, renewals stop (the engine has been owed a reply that long).
      await new Promise((r) => setTimeout(r, 4 * heartbeatMs));
      const leases = async () =>
        (await db.verificationUnit.findMany({ where: { verificationId: a.id, status: "running" }, orderBy: { rangeIndex: "asc" } })).map((u) => u.leaseUntil!.getTime());
      const before = await leases();
      await new Promise((r) => setTimeout(r, 3 * heartbeatMs));
      expect((await db.verificationRun.findUniqueOrThrow({ where: { id: a.id } })).status).toBe("running");
      expect(before).toHaveLength(1);
      expect(await leases()).toEqual(before);

      const asked = Date.now();
      expect(await cancelVerification({ actor: operator, migrationId: stuck.id })).toMatchObject({ status: "cancelling" });
      const cancelled = await waitForRun(a.id, ["cancelled", "failed", "done"], 5000);
      expect(cancelled.status).toBe("cancelled");
      // The heartbeat notices the flag (every heartbeatMs), then the sockets close at once.
      expect(Date.now() - asked).toBeLessThan(1000 + heartbeatMs);
    } finally {
      thaw();
      await worker.stop();
    }
  }, 45_000);
});

async function waitForProgress(id: string): Promise<void> {
  const until = Date.now() + 20_000;
  while (Date.now() < until) {
    const row = await db.verificationRun.findUniqueOrThrow({ where: { id } });
    if (row.progress && JSON.parse(row.progress).keysDone > 0) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error("the verification never progressed");
}
