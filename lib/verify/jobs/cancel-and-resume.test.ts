import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { compareKeyspaces } from "../engine/compare-keyspaces";
import type { VerifyCheckpoint } from "../engine/checkpoint";
import { seedBoth, seedMixed, startRedisPair, type RedisPair } from "../test-helpers/test-redis-pair";

const KEYS = 60_000;
const deleted = Array.from({ length: 20 }, (_, i) => `k:${i * 3000 + 1}`);
let pair: RedisPair;

beforeAll(async () => {
  pair = await startRedisPair();
  await seedBoth(pair, (r) => seedMixed(r, KEYS));
  await pair.tgt.del(...deleted);
}, 60_000);
afterAll(() => pair.stop());

async function cancelled(run: Promise<unknown>): Promise<AppError> {
  const err = await run.then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(AppError);
  expect((err as AppError).code).toBe("VERIFY_CANCELLED");
  return err as AppError;
}

describe("cancel and resume", () => {
  it("stops promptly mid-scan, and a resumed run finishes from the checkpoint without re-scanning", async () => {
    const abort = new AbortController();
    let abortedAt = 0;
    let last: VerifyCheckpoint | undefined;
    const run = compareKeyspaces({
      ...pair.sides, rounds: 1, batchSize: 500, pipelineDepth: 2, signal: abort.signal,
      checkpointIntervalMs: 0, progressIntervalMs: 0,
      onCheckpoint: (c) => void (last = c),
      onProgress: (p) => {
        if (p.keysDone >= 20_000 && !abortedAt) {
          abortedAt = Date.now();
          abort.abort();
        }
      },
    });
    const err = await cancelled(run);
    expect(Date.now() - abortedAt).toBeLessThan(500);
    const checkpoint = JSON.parse(JSON.stringify(err.detail!.checkpoint)) as VerifyCheckpoint; // as a runner would store it
    expect(checkpoint).toEqual(JSON.parse(JSON.stringify(last)));
    expect(checkpoint.phase).toBe("scan");
    expect(checkpoint.cursor).not.toBe("0");
    expect(checkpoint.keysCompared).toBeGreaterThanOrEqual(20_000);
    expect(checkpoint.keysCompared).toBeLessThan(KEYS);

    await pair.src.config("RESETSTAT");
    const resumed = await compareKeyspaces({ ...pair.sides, rounds: 1, batchSize: 500, resumeFrom: checkpoint });
    const stats = await pair.src.info("commandstats");
    const pttlCalls = Number(/cmdstat_pttl:calls=(\d+)/.exec(stats)?.[1]);
    // Only the keys after the cursor were read again (one PTTL each). SCAN may return a key twice
    // while the server is still rehashing its table after the seeding: at most one batch more.
    expect(pttlCalls).toBeGreaterThanOrEqual(KEYS - checkpoint.keysCompared);
    expect(pttlCalls).toBeLessThanOrEqual(KEYS - checkpoint.keysCompared + 500);
    expect(resumed.resumed).toBe(true);
    expect(resumed.keysCompared).toBe(KEYS);
    expect(resumed.mismatches.map((m) => m.keyDisplay).sort()).toEqual([...deleted].sort());
    expect(resumed.totals.OK).toBe(KEYS - deleted.length);
  });

  it("stops promptly while waiting between rounds, keeping the suspects in the checkpoint", async () => {
    const abort = new AbortController();
    let abortedAt = 0;
    const run = compareKeyspaces({
      ...pair.sides, rounds: 3, roundDelayMs: 30_000, signal: abort.signal, dbs: [0],
      // The scan of db 0 is done: the engine now waits 30 s before round 2.
      onCheckpoint: (c) => {
        if (c.phase === "scan" && c.dbIndex === 1) setTimeout(() => ((abortedAt = Date.now()), abort.abort()), 100);
      },
    });
    const err = await cancelled(run);
    expect(abortedAt).toBeGreaterThan(0);
    expect(Date.now() - abortedAt).toBeLessThan(200);
    const checkpoint = err.detail!.checkpoint as VerifyCheckpoint;
    expect(checkpoint.pending.map((p) => Buffer.from(p.key, "base64").toString()).sort()).toEqual([...deleted].sort());

    const resumed = await compareKeyspaces({ ...pair.sides, rounds: 3, roundDelayMs: 10, resumeFrom: checkpoint });
    expect(resumed.roundsRun).toBe(3);
    expect(resumed.mismatches).toHaveLength(deleted.length);
  });
});
