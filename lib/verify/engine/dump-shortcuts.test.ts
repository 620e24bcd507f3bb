import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compareKeyspaces } from "./compare-keyspaces";
import { sameUnorderedPayload } from "./rdb-payload";
import { seedBoth, startRedisPair, type RedisPair } from "../test-helpers/test-redis-pair";

// Hashtable sets and hashes everywhere, so their DUMP payloads follow each server's bucket order.
const HASHTABLES = ["--set-max-intset-entries", "0", "--hash-max-listpack-entries", "0"];
const LONG = "member-long-enough-to-be-lzf-compressed-".repeat(4);
let pair: RedisPair;

beforeAll(async () => {
  pair = await startRedisPair({ sourceArgs: HASHTABLES, targetArgs: HASHTABLES });
  await seedBoth(pair, async (r) => {
    const members = ["a", "b", "c", "12", "-7", "100000", "70000000000", LONG, `${LONG}2`, ...Array.from({ length: 40 }, (_, i) => `m${i}`)];
    // Reverse insertion order on the target: same members, other bucket layout.
    const order = r === pair.src ? members : [...members].reverse();
    await r.sadd("tags", ...order);
    await r.hset("profile", ...order.flatMap((m) => [m, members.indexOf(m) % 2 ? LONG : String(members.indexOf(m) * 3)]));
    await r.set("grown", "small");
  });
}, 60_000);
afterAll(() => pair.stop());

async function traced<T>(run: () => Promise<T>) {
  for (const r of [pair.src, pair.tgt]) {
    await r.config("RESETSTAT");
    await r.config("SET", "slowlog-log-slower-than", "0");
    await r.config("SET", "slowlog-max-len", "100000");
    await r.slowlog("RESET");
  }
  const result = await run();
  const logs = [];
  for (const r of [pair.src, pair.tgt]) {
    const log = (await r.call("SLOWLOG", "GET", "-1")) as [number, number, number, string[]][];
    await r.config("SET", "slowlog-log-slower-than", "10000");
    logs.push(log.map((e) => e[3]));
  }
  return { result, src: logs[0], tgt: logs[1], tgtStats: await pair.tgt.info("commandstats") };
}

describe("DUMP payloads that differ only in bucket order", () => {
  it("are settled as equal from the payloads, without reading the keys again", async () => {
    const [a, b] = await Promise.all([pair.src.dumpBuffer("tags"), pair.tgt.dumpBuffer("tags")]);
    expect(a[0]).toBe(2); // RDB_TYPE_SET: hashtable
    expect(a.equals(b)).toBe(false);
    const reads = (log: string[][]) => log.filter(([cmd]) => /^(TYPE|SMEMBERS|HGETALL|SSCAN|HSCAN)$/i.test(cmd));
    for (const scriptRead of [false, true]) {
      const { result, src, tgt } = await traced(() => compareKeyspaces({ ...pair.sides, rounds: 1, scriptRead }));
      expect(result.scriptRead).toBe(scriptRead);
      expect(result.mismatches).toEqual([]);
      expect(result.totals.OK).toBe(3);
      expect([...reads(src), ...reads(tgt)]).toEqual([]);
      // Pipelined, sizes come from the source only; the script reads each end's own size.
      if (!scriptRead) expect(tgt.filter(([cmd]) => /^MEMORY$/i.test(cmd))).toEqual([]);
    }
  });

  it("still report one changed member, int member or long (compressed) value", async () => {
    await pair.tgt.srem("tags", "12");
    await pair.tgt.sadd("tags", "13");
    await pair.tgt.hset("profile", LONG, `${LONG}!`);
    const r = await compareKeyspaces({ ...pair.sides, rounds: 1 });
    await pair.tgt.srem("tags", "13");
    await pair.tgt.sadd("tags", "12");
    await pair.tgt.hset("profile", LONG, LONG); // members[7]: odd, so its value is LONG
    const details = Object.fromEntries(r.mismatches.map((m) => [m.keyDisplay, `${m.status} ${m.detail}`]));
    expect(details).toEqual({
      tags: "VALUE set member '12' missing in target",
      profile: `VALUE hash field '${LONG.slice(0, 64)}…(160 bytes)' differs`,
    });
  });

  it("never reads a truncated or foreign payload as equal", async () => {
    const a = await pair.src.dumpBuffer("tags");
    expect(sameUnorderedPayload(a, a)).toBe(true);
    expect(sameUnorderedPayload(a, a.subarray(0, a.length - 20))).toBe(false);
    expect(sameUnorderedPayload(a.subarray(0, 30), a.subarray(0, 30))).toBe(false);
    const s = await pair.src.dumpBuffer("grown");
    expect(sameUnorderedPayload(s, s)).toBe(false); // strings are not decoded here
  });
});

describe("a key small on the source but big on the target", () => {
  it("with the read script, is never DUMPed on the target: its size is known up front", async () => {
    await pair.tgt.set("grown", Buffer.alloc(1024 * 1024, 0x62));
    const { result, tgt } = await traced(() => compareKeyspaces({ ...pair.sides, rounds: 1, bigKeyBytes: 256 * 1024, chunkBytes: 64 * 1024, scriptRead: true }));
    await pair.tgt.set("grown", "small");
    expect(result.scriptRead).toBe(true);
    expect(result.mismatches.map((m) => `${m.keyDisplay} ${m.status} ${m.detail}`)).toEqual(["grown VALUE string is 5 bytes in source, 1048576 in target"]);
    const onGrown = tgt.filter(([, key]) => key === "grown").map(([cmd]) => cmd.toUpperCase());
    expect(onGrown.filter((c) => /^(DUMP|GET|GETRANGE)$/.test(c))).toEqual([]);
    expect(onGrown).toContain("STRLEN");
  });

  it("pipelined, is reported as VALUE from the chunked comparison, DUMPed once on the target and never read whole again", async () => {
    await pair.tgt.set("grown", Buffer.alloc(1024 * 1024, 0x62));
    const { result, tgt, tgtStats } = await traced(() => compareKeyspaces({ ...pair.sides, rounds: 1, bigKeyBytes: 256 * 1024, chunkBytes: 64 * 1024, scriptRead: false }));
    await pair.tgt.set("grown", "small");
    expect(result.mismatches.map((m) => `${m.keyDisplay} ${m.status} ${m.detail}`)).toEqual(["grown VALUE string is 5 bytes in source, 1048576 in target"]);
    const onGrown = tgt.filter(([, key]) => key === "grown").map(([cmd]) => cmd.toUpperCase());
    expect(onGrown.filter((c) => c === "DUMP")).toHaveLength(1);
    expect(onGrown.filter((c) => /^(GET|GETRANGE)$/.test(c))).toEqual([]);
    expect(onGrown).toContain("STRLEN");
    // The target is asked for MEMORY USAGE only about the key whose payloads differed.
    expect(tgt.filter(([cmd]) => /^MEMORY$/i.test(cmd))).toEqual([["MEMORY", "USAGE", "grown"]]);
    expect(tgtStats).toMatch(/cmdstat_memory\|usage:calls=1,/);
  });
});
