import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compareKeyspaces } from "./compare-keyspaces";
import { seedBoth, seedMixed, startRedisPair, type RedisPair } from "../test-helpers/test-redis-pair";
import type { KeyMismatch } from "./types";

// One of every difference an operator cares about, injected into a real target.
const BINARY_KEY = Buffer.from("bin\nkey\x00\xff\r\n", "latin1");
let pair: RedisPair;

beforeAll(async () => {
  pair = await startRedisPair();
  await seedBoth(pair, async (r) => {
    await seedMixed(r, 3000);
    await r.set(BINARY_KEY, "binary");
    await r.hset("profile", "name", "ada", "email", "ada@example.com", "plan", "pro");
    await r.set("session", "s", "PX", 600_000);
    await r.set("shape", "a string");
    await r.select(3);
    await r.set("other-db-key", "v");
    await r.select(0);
  });
  const t = pair.tgt;
  await t.del("k:6", "k:7"); // MISSING (a string and a hash)
  await t.del(BINARY_KEY); // MISSING, binary name
  await t.del("shape");
  await t.rpush("shape", "now", "a", "list"); // TYPE
  await t.hset("profile", "plan", "free"); // VALUE, same field count
  await t.pexpire("session", 60_000); // TTL 600 s vs 60 s
  await t.set("only-in-target", "x"); // EXTRA
  await t.select(3);
  await t.del("other-db-key"); // MISSING in db 3
  await t.select(0);
}, 60_000);
afterAll(() => pair.stop());

const summary = (ms: KeyMismatch[]) => ms.map((m) => `${m.db} ${m.keyDisplay} ${m.status}`).sort();

describe("compareKeyspaces finds exactly the injected differences", () => {
  it("full mode, with reverse pass, reports each one with a useful detail and nothing else", async () => {
    const sunk: KeyMismatch[] = [];
    const r = await compareKeyspaces({ ...pair.sides, reverse: true, rounds: 2, roundDelayMs: 50, onMismatch: (m) => void sunk.push(m) });
    expect(summary(r.mismatches)).toEqual([
      "0 bin\\nkey\\x00\\xff\\r\\n MISSING",
      "0 k:6 MISSING",
      "0 k:7 MISSING",
      "0 only-in-target EXTRA",
      "0 profile VALUE",
      "0 session TTL",
      "0 shape TYPE",
      "3 other-db-key MISSING",
    ]);
    const byKey = new Map(r.mismatches.map((m) => [m.keyDisplay, m]));
    expect(byKey.get("profile")!.detail).toBe("hash field 'plan' differs");
    expect(byKey.get("shape")!.detail).toBe("type string in source, list in target");
    expect(byKey.get("session")!.detail).toMatch(/^ttl source 59\d(\.\d)?s target 5\d(\.\d)?s$/);
    expect(byKey.get("bin\\nkey\\x00\\xff\\r\\n")!.key.equals(BINARY_KEY)).toBe(true);
    expect(r.totals).toMatchObject({ MISSING: 4, TYPE: 1, VALUE: 1, TTL: 1, EXTRA: 1 });
    expect(r.totals.OK).toBe(3005 - 7); // 3004 keys in db 0 and 1 in db 3, 7 of them differ
    expect(r.keysCompared).toBe(3005);
    expect(r.roundsRun).toBe(2);
    expect(sunk).toHaveLength(8);
    const db0 = r.counts.find((c) => c.db === 0)!;
    expect(db0).toMatchObject({ sourceKeys: 3004, targetKeys: 3002, keysAgree: false });
    expect(r.counts.find((c) => c.db === 3)).toMatchObject({ sourceKeys: 1, targetKeys: 0 });
  });

  it("without the reverse pass an extra key goes unreported, and the cap keeps details bounded", async () => {
    const r = await compareKeyspaces({ ...pair.sides, rounds: 1, maxMismatches: 3 });
    expect(r.mismatchCount).toBe(7);
    expect(r.mismatches).toHaveLength(3);
    expect(r.truncated).toBe(true);
    expect(r.totals.EXTRA).toBe(0);
  });

  it("gives the same answer through a caller's ioredis clients (the read-only guard path)", async () => {
    const r = await compareKeyspaces({ source: { client: pair.src }, target: { client: pair.tgt }, reverse: true, rounds: 1, dbs: [0] });
    expect(summary(r.mismatches)).toEqual(["0 bin\\nkey\\x00\\xff\\r\\n MISSING", "0 k:6 MISSING", "0 k:7 MISSING", "0 only-in-target EXTRA", "0 profile VALUE", "0 session TTL", "0 shape TYPE"]);
  });

  it("length mode sees the type change and missing keys but not a same-length value change", async () => {
    const r = await compareKeyspaces({ ...pair.sides, mode: "length", rounds: 1, dbs: [0] });
    expect(summary(r.mismatches)).toEqual(["0 bin\\nkey\\x00\\xff\\r\\n MISSING", "0 k:6 MISSING", "0 k:7 MISSING", "0 session TTL", "0 shape TYPE"]);
  });

  it("outline mode reports type and existence, and a changed field count as nothing", async () => {
    await pair.tgt.hset("profile", "extra-field", "1");
    const outline = await compareKeyspaces({ ...pair.sides, mode: "outline", rounds: 1, dbs: [0] });
    const length = await compareKeyspaces({ ...pair.sides, mode: "length", rounds: 1, dbs: [0] });
    await pair.tgt.hdel("profile", "extra-field");
    expect(outline.mismatches.find((m) => m.keyDisplay === "profile")).toBeUndefined();
    expect(length.mismatches.find((m) => m.keyDisplay === "profile")?.detail).toBe("hash has 3 fields in source, 4 in target");
  });
});
