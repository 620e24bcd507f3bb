import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type Redis from "ioredis";
import { compareKeyspaces } from "./compare-keyspaces";
import { seedBoth, seedMixed, startRedisPair, type RedisPair } from "../test-helpers/test-redis-pair";

// The target stores the same data in its big encodings: every DUMP payload of a collection differs.
const BIG_ENCODINGS = [
  "--hash-max-listpack-entries", "0", "--list-max-listpack-size", "1", "--set-max-intset-entries", "0",
  "--zset-max-listpack-entries", "0",
];
let pair: RedisPair;

async function seedEncodable(r: Redis) {
  await seedMixed(r, 2000);
  await r.sadd("ints", 1, 2, 3, 42, 1000);
  await r.hset("small-hash", { a: "1", b: "2" });
  await r.rpush("short-list", "x", "y", "z");
  await r.zadd("board", 1.5, "ann", 2, "bob", "+inf", "top");
}

beforeAll(async () => {
  pair = await startRedisPair({ targetArgs: BIG_ENCODINGS });
  await seedBoth(pair, seedEncodable);
}, 60_000);
afterAll(() => pair.stop());

describe("different encodings of the same data", () => {
  it("really do produce different DUMP payloads (so the fallback is exercised)", async () => {
    expect(await pair.src.object("ENCODING", "small-hash")).toBe("listpack");
    expect(await pair.tgt.object("ENCODING", "small-hash")).toBe("hashtable");
    const [a, b] = await Promise.all([pair.src.dumpBuffer("ints"), pair.tgt.dumpBuffer("ints")]);
    expect(a.equals(b)).toBe(false);
  });

  it("report every key OK in full mode", async () => {
    const r = await compareKeyspaces({ ...pair.sides, reverse: true, rounds: 1 });
    expect(r.mismatches).toEqual([]);
    expect(r.totals.OK).toBe(2004);
  });

  it("still catch a real difference hidden behind an encoding difference", async () => {
    await pair.tgt.zadd("board", 3, "bob");
    await pair.tgt.srem("ints", 42);
    await pair.tgt.sadd("ints", 43);
    const r = await compareKeyspaces({ ...pair.sides, rounds: 1 });
    await pair.tgt.zadd("board", 2, "bob");
    await pair.tgt.srem("ints", 43);
    await pair.tgt.sadd("ints", 42);
    const details = Object.fromEntries(r.mismatches.map((m) => [m.keyDisplay, `${m.status} ${m.detail}`]));
    expect(details).toEqual({
      board: "VALUE sorted set member 'bob' score 2 in source, 3 in target",
      ints: "VALUE set member '42' missing in target",
    });
  });
});

describe("big keys are compared in chunks", () => {
  beforeAll(async () => {
    await seedBoth(pair, async (r) => {
      for (let i = 0; i < 200_000; i += 20_000) {
        const fields: string[] = [];
        for (let j = i; j < i + 20_000; j++) fields.push(`field-${j}`, `v${j}`);
        await r.hset("big-hash", ...fields);
      }
      await r.set("big-string", Buffer.alloc(3 * 1024 * 1024, 0x61));
      const items = Array.from({ length: 50_000 }, (_, i) => `item-${i}`);
      await r.rpush("big-list", ...items);
      const stream = r.pipeline();
      for (let i = 1; i <= 3000; i++) stream.xadd("big-stream", `${i}-0`, "n", String(i));
      await stream.exec();
    });
  }, 60_000);

  it("name the differing hash field, string byte and list index without loading the keys whole", async () => {
    await pair.tgt.hset("big-hash", "field-123456", "changed");
    await pair.tgt.setrange("big-string", 2_500_000, "b");
    await pair.tgt.lset("big-list", 40_001, "changed");
    await pair.src.config("RESETSTAT");
    // Every command the engine sends to the source lands in the slow log, arguments included.
    await pair.src.config("SET", "slowlog-log-slower-than", "0");
    await pair.src.config("SET", "slowlog-max-len", "100000");
    await pair.src.slowlog("RESET");
    const r = await compareKeyspaces({ ...pair.sides, rounds: 1, bigKeyBytes: 256 * 1024, chunkBytes: 64 * 1024, dbs: [0] });
    const details = Object.fromEntries(r.mismatches.map((m) => [m.keyDisplay, `${m.status} ${m.detail}`]));
    expect(details).toEqual({
      "big-hash": "VALUE hash field 'field-123456' differs",
      "big-string": "VALUE string differs at byte 2500000",
      "big-list": "VALUE list element at index 40001 differs",
    });
    // Chunked, not whole: HSCAN pages until the differing field turns up, 64 KiB GETRANGE windows.
    const stats = await pair.src.info("commandstats");
    const calls = (cmd: string) => Number(new RegExp(`cmdstat_${cmd}:calls=(\\d+)`).exec(stats)?.[1] ?? 0);
    // How many HSCAN pages depends on where the field falls in the hash's order, which each server
    // start seeds at random (from 1 to 6 seen): the slow log below is what shows no whole read.
    expect(calls("hscan")).toBeGreaterThanOrEqual(1);
    expect(calls("getrange")).toBeGreaterThanOrEqual(38);
    const log = (await pair.src.call("SLOWLOG", "GET", "-1")) as [number, number, number, string[]][];
    await pair.src.config("SET", "slowlog-log-slower-than", "10000");
    const wholeReads = log.map((e) => e[3]).filter(([cmd, key]) => /^(DUMP|HGETALL|GET|LRANGE|SMEMBERS)$/i.test(cmd) && /^big-(hash|string|list)$/.test(key ?? ""));
    expect(wholeReads.filter(([cmd, , start, end]) => !(/LRANGE/i.test(cmd) && Number(end) - Number(start) < 1000))).toEqual([]);
    expect(log.length).toBeGreaterThan(1000); // the log did see the run
  });

  it("find a stream entry lost past the first page even when the lengths agree", async () => {
    await pair.tgt.xdel("big-stream", "2500-0");
    await pair.tgt.xadd("big-stream", "9999-0", "n", "appended");
    const r = await compareKeyspaces({ ...pair.sides, rounds: 1, dbs: [0], bigKeyBytes: 1 });
    const stream = r.mismatches.find((m) => m.keyDisplay === "big-stream");
    expect(stream?.detail).toBe("stream entry 2500-0 missing in target");
  });
});
