import { afterEach, describe, expect, it } from "vitest";
import { startRedisPair } from "@/lib/verify/test-helpers/test-redis-pair";
import { createReplicator } from "./create-replicator";
import { emptyTarget } from "./empty-target";
import { countDifferences, seedMixed, startReplicationPair, startTestReplicator, TEST_OPTIONS, type ReplicationPair } from "./test-helpers/replication-pair";

let pair: ReplicationPair | undefined;
afterEach(async () => {
  await pair?.stop();
  pair = undefined;
});

describe("notifications, sampling and stop", () => {
  it("refuses to start when the source's keyspace notifications are off (live mode would sit idle)", async () => {
    const off = await startRedisPair();
    try {
      const end = (p: { host: string; port: number }) => ({ redis: { host: p.host, port: p.port }, label: `${p.host}:${p.port}` });
      const replicator = createReplicator({ source: end(off.source), target: end(off.target), options: TEST_OPTIONS, onCheckpoint: async () => {}, onEvent: () => {} });
      await expect(replicator.start()).rejects.toMatchObject({ code: "PREFLIGHT_FAILED" });
    } finally {
      await off.stop();
    }
  });

  it("follows writes on a source that only publishes keyspace (K) channels", async () => {
    pair = await startReplicationPair({ sourceArgs: ["--notify-keyspace-events", "KA"] });
    const { replicator } = startTestReplicator(pair);
    await replicator.start();
    expect(await replicator.drain(30_000)).toBe(true);
    await pair.src.set("a:b:c", "live");
    await pair.src.hset("h", "f", "v");
    expect(await replicator.drain(30_000)).toBe(true);
    expect(await pair.tgt.get("a:b:c")).toBe("live");
    expect(await pair.tgt.hget("h", "f")).toBe("v");
    await replicator.stop();
  });

  it("sampleCompare finds differences made behind its back, and stop() closes every connection within 1 s", async () => {
    pair = await startReplicationPair();
    await seedMixed(pair.src, 60);
    const { replicator } = startTestReplicator(pair);
    await replicator.start();
    expect(await replicator.drain(30_000)).toBe(true);
    expect(await replicator.sampleCompare(200)).toMatchObject({ differences: 0 });
    expect(await countDifferences(pair)).toBe(0);
    // Written on the target directly: no event, so only a comparison can notice.
    const p = pair.tgt.pipeline();
    for (let i = 0; i < 60; i++) p.del(`k:${i}`).set(`k:${i}`, "tampered");
    await p.exec();
    const sample = await replicator.sampleCompare(200);
    expect(sample.compared).toBeGreaterThan(20);
    expect(sample.differences).toBe(sample.compared);
    const t = Date.now();
    await replicator.stop();
    expect(Date.now() - t).toBeLessThan(1_000);
    // The server notices closed sockets a moment later; afterwards only this test's own client is left.
    const clients = async () => Promise.all([pair!.src, pair!.tgt].map(async (c) => String(await c.client("LIST")).trim().split("\n").length));
    for (let i = 0; i < 50 && (await clients()).some((n) => n > 1); i++) await new Promise((r) => setTimeout(r, 20));
    expect(await clients()).toEqual([1, 1]);
  });

  it("empties the target only when the operator typed its name", async () => {
    pair = await startReplicationPair();
    await pair.tgt.set("leftover", "1");
    await expect(emptyTarget(pair.ends.target, "target")).rejects.toMatchObject({ code: "INVALID_INPUT" });
    expect(await pair.tgt.dbsize()).toBe(1);
    await emptyTarget(pair.ends.target, pair.ends.target.label, [0]);
    expect(await pair.tgt.dbsize()).toBe(0);
  });
});
