import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compareKeyspaces } from "./compare-keyspaces";
import { seedBoth, seedMixed, startRedisPair, type RedisPair } from "../test-helpers/test-redis-pair";
import { ASSUMED_ELEMENT_BYTES } from "./size-by-length";

// Where MEMORY USAGE is refused (an ACL here; ElastiCache Serverless blocks MEMORY *), big keys
// must still be found by their length and never read whole, and replies held stay under the cap.
const BIG = 12;
const BIG_BYTES = 3 * 1024 * 1024;
const MID = 40;
const MID_BYTES = 200 * 1024;
const SMALL = 3000;
const BIG_HASH_FIELDS = Math.ceil((1024 * 1024) / ASSUMED_ELEMENT_BYTES) + 100;
const CAP = 2 * 1024 * 1024;
// Random, so DUMP's compression cannot shrink them: these bytes really travel.
const MID_VALUES = Array.from({ length: MID }, () => randomBytes(MID_BYTES));
let pair: RedisPair;

beforeAll(async () => {
  pair = await startRedisPair();
  await seedBoth(pair, async (r) => {
    await seedMixed(r, SMALL);
    for (let i = 0; i < BIG; i++) await r.set(`big:${i}`, Buffer.alloc(BIG_BYTES, i + 1));
    for (let i = 0; i < MID; i++) await r.set(`mid:${i}`, MID_VALUES[i]);
    const fields: Record<string, string> = {};
    for (let i = 0; i < BIG_HASH_FIELDS; i++) fields[`f${i}`] = "v";
    await r.hset("wide-hash", fields);
  });
  await pair.tgt.setrange("big:5", 2_000_000, "X");
  await pair.src.call("ACL", "SETUSER", "verifier", "on", ">pw", "~*", "&*", "+@all", "-memory");
}, 120_000);
afterAll(() => pair.stop());

describe("memory stays bounded without MEMORY USAGE", () => {
  it.each([false, true])("finds big keys by STRLEN/HLEN, compares them in chunks, and holds at most the cap of reply bytes (read script: %s)", async (scriptRead) => {
    const source = { endpoint: { host: pair.source.host, port: pair.source.port, username: "verifier", password: "pw" }, readOnly: true };
    await pair.src.config("RESETSTAT");
    const r = await compareKeyspaces({ source, target: pair.sides.target, rounds: 1, batchSize: 100, maxBytesInFlight: CAP, scriptRead });
    expect(r.scriptRead).toBe(scriptRead);
    expect(r.mismatches.map((m) => `${m.keyDisplay} ${m.status} ${m.detail}`)).toEqual(["big:5 VALUE string differs at byte 2000000"]);
    expect(r.totals.OK).toBe(SMALL + MID + (BIG - 1) + 1); // the wide hash is OK too
    const stats = await pair.src.info("commandstats");
    expect(stats).toMatch(/cmdstat_memory\|usage:calls=0,.*(rejected|failed)_calls=[1-9]/);
    // Every key but the 12 big strings and the wide hash was DUMPed once; those never were.
    expect(Number(/cmdstat_dump:calls=(\d+)/.exec(stats)?.[1])).toBe(SMALL + MID);
    expect(Number(/cmdstat_getrange:calls=(\d+)/.exec(stats)?.[1])).toBeGreaterThan(0);
    expect(r.peakBytesInFlight).toBeGreaterThan(2 * MID_BYTES);
    expect(r.peakBytesInFlight).toBeLessThanOrEqual(CAP);
  });
});
