import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type Redis from "ioredis";
import { compareKeyspaces } from "./compare-keyspaces";
import { seedBoth, startRedisPair, type RedisPair } from "../test-helpers/test-redis-pair";

// The same consumer-group history played on both ends; each test then changes one end only.
let pair: RedisPair;

async function seedStream(r: Redis) {
  await r.flushall();
  for (let i = 1; i <= 6; i++) await r.xadd("orders", `${i}-0`, "n", String(i));
  await r.xgroup("CREATE", "orders", "billing", "0");
  await r.xreadgroup("GROUP", "billing", "alice", "COUNT", 2, "STREAMS", "orders", ">");
  await r.xreadgroup("GROUP", "billing", "bob", "COUNT", 2, "STREAMS", "orders", ">");
  await r.xack("orders", "billing", "1-0");
}

beforeAll(async () => void (pair = await startRedisPair()), 60_000);
beforeEach(() => seedBoth(pair, seedStream));
afterAll(() => pair.stop());

const detailsOf = async () => {
  const r = await compareKeyspaces({ ...pair.sides, rounds: 1 });
  return r.mismatches.map((m) => `${m.keyDisplay} ${m.status} ${m.detail}`);
};

describe("stream consumer groups", () => {
  it("equal groups read as OK even though the DUMP payloads differ (delivery times)", async () => {
    // Seeded within the same millisecond the payloads could match: give one pending entry another
    // delivery time on the target (same owner, same delivery count).
    await pair.tgt.call("XCLAIM", "orders", "billing", "alice", "0", "2-0", "IDLE", "5000", "JUSTID");
    const [a, b] = await Promise.all([pair.src.dumpBuffer("orders"), pair.tgt.dumpBuffer("orders")]);
    expect(a.equals(b)).toBe(false);
    expect(await detailsOf()).toEqual([]);
  });

  it("one more message acknowledged on the target is a VALUE difference naming the group", async () => {
    await pair.tgt.xack("orders", "billing", "3-0");
    expect(await detailsOf()).toEqual(["orders VALUE stream consumer group 'billing' pending 3 in source, 2 in target"]);
  });

  it("the same number pending but not the same messages", async () => {
    await pair.src.xack("orders", "billing", "2-0");
    await pair.tgt.xack("orders", "billing", "4-0");
    expect(await detailsOf()).toEqual(["orders VALUE stream consumer group 'billing' pending entries differ: 3-0 in source, 2-0 in target"]);
  });

  it("a pending message owned by another consumer", async () => {
    await pair.tgt.xclaim("orders", "billing", "alice", 0, "4-0");
    expect(await detailsOf()).toEqual(["orders VALUE stream consumer group 'billing' pending entry 4-0 belongs to bob in source, alice in target"]);
  });

  it("a consumer only in the target", async () => {
    await pair.tgt.xgroup("CREATECONSUMER", "orders", "billing", "carol");
    expect(await detailsOf()).toEqual(["orders VALUE stream consumer group 'billing' has consumers ['alice', 'bob'] in source, ['alice', 'bob', 'carol'] in target"]);
  });

  it("a group position moved on the target", async () => {
    await pair.tgt.xgroup("SETID", "orders", "billing", "5-0");
    expect(await detailsOf()).toEqual(["orders VALUE stream consumer group 'billing' last-delivered-id 4-0 in source, 5-0 in target"]);
  });
});
