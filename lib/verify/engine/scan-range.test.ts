import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compareKeyspaces } from "./compare-keyspaces";
import { rangeStartCursor } from "./scan-range";
import { startRedisPair, type RedisPair } from "../test-helpers/test-redis-pair";

const KEYS = 40_000;
const SLICES = 8;
let pair: RedisPair;

beforeAll(async () => {
  pair = await startRedisPair();
  for (let i = 0; i < KEYS; i += 5000) {
    const p = pair.src.pipeline();
    for (let j = i; j < i + 5000; j++) p.set(`k:${j}`, "v");
    await p.exec();
  }
}, 60_000);
afterAll(() => pair.stop());

/** Every source key is MISSING on the empty target, so onMismatch names each key a slice compared. */
async function keysOfSlice(index: number, during?: () => Promise<void>, db = 0): Promise<string[]> {
  const seen: string[] = [];
  const running = compareKeyspaces({
    ...pair.sides, dbs: [db], rounds: 1, batchSize: 100, pipelineDepth: 1, range: { index, count: SLICES },
    onMismatch: (m) => void seen.push(m.key.toString()),
  });
  await during?.();
  const result = await running;
  expect(result.keysCompared).toBe(seen.length);
  return seen;
}

describe("SCAN cursor slices", () => {
  it("start where SCAN's reverse-binary order puts them", () => {
    expect([0, 1, 2, 3].map((index) => rangeStartCursor({ index, count: 4 }))).toEqual(["0", "2", "1", "3"]);
  });

  it("partition a db: each key is compared by exactly one slice", async () => {
    const all = (await Promise.all(Array.from({ length: SLICES }, (_, i) => keysOfSlice(i)))).flat();
    expect(all.length).toBe(KEYS);
    expect(new Set(all).size).toBe(KEYS);
  });

  it("stay a partition when the table has fewer buckets than there are slices", async () => {
    await pair.src.select(1);
    await pair.src.mset("a", "1", "b", "2", "c", "3");
    await pair.src.select(0);
    const all = (await Promise.all(Array.from({ length: SLICES }, (_, i) => keysOfSlice(i, undefined, 1)))).flat();
    expect(all.sort()).toEqual(["a", "b", "c"]);
  });

  it("stay a partition while the table doubles and rehashes under the scan", async () => {
    // Doubling the key count forces a resize (and incremental rehash) while the slices scan.
    const grow = async () => {
      for (let i = KEYS; i < 2 * KEYS + 10; i += 5000) {
        const p = pair.src.pipeline();
        for (let j = i; j < i + 5000; j++) p.set(`new:${j}`, "v");
        await p.exec();
      }
    };
    const slices = await Promise.all(Array.from({ length: SLICES }, (_, i) => keysOfSlice(i, i === 0 ? grow : undefined)));
    const old = slices.flat().filter((k) => k.startsWith("k:"));
    // SCAN's promise holds for keys present throughout: each old key exactly once across slices.
    expect(old.length).toBe(KEYS);
    expect(new Set(old).size).toBe(KEYS);
    await pair.src.eval("for _, k in ipairs(redis.call('KEYS', 'new:*')) do redis.call('DEL', k) end", 0);
  });
});
