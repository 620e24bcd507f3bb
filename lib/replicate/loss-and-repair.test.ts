import { afterEach, describe, expect, it } from "vitest";
import { HEALTH_INTERVAL_MS } from "./source-health";
import { countDifferences, kinds, seedMixed, startReplicationPair, startTestReplicator, type ReplicationPair } from "./test-helpers/replication-pair";

let pair: ReplicationPair | undefined;
afterEach(async () => {
  await pair?.stop();
  pair = undefined;
});

// A repair starts on the health tick after the loss; drain() waits for it to finish.
const REPAIR_WAIT_MS = 20 * HEALTH_INTERVAL_MS;

describe("no silent loss", () => {
  it("the subscriber killed mid-load: the writes it missed are found by the repair and copied", async () => {
    pair = await startReplicationPair();
    await seedMixed(pair.src, 3_000);
    const { replicator, events } = startTestReplicator(pair);
    await replicator.start();
    expect(await replicator.drain(REPAIR_WAIT_MS)).toBe(true);
    await pair.src.client("KILL", "TYPE", "pubsub");
    // Published before the subscriber is back: these events are lost.
    const p = pair.src.pipeline();
    for (let i = 0; i < 2_000; i++) p.set(`missed:${i}`, String(i));
    p.del("k:0", "k:1");
    await p.exec();
    await new Promise((r) => setTimeout(r, 2 * HEALTH_INTERVAL_MS));
    expect(await replicator.drain(REPAIR_WAIT_MS)).toBe(true);
    expect(kinds(events)).toEqual(expect.arrayContaining(["subscriber-killed", "reconnect", "repair-started", "repair-finished"]));
    const stats = replicator.stats();
    expect(stats.reconnects).toBeGreaterThanOrEqual(1);
    expect(stats.lastRepair?.differences).toBeGreaterThan(0);
    // What it found, by kind: only keys the target lacked (the lost SETs) and, unless the subscriber
    // was back in time for the DEL, keys the source deleted. The kinds add up to the count.
    const byKind = stats.lastRepair?.byKind ?? {};
    expect(Object.keys(byKind).filter((k) => k !== "MISSING" && k !== "EXTRA")).toEqual([]);
    expect(byKind.MISSING).toBeGreaterThan(0);
    expect((byKind.MISSING ?? 0) + (byKind.EXTRA ?? 0)).toBe(stats.lastRepair?.differences);
    expect(await pair.tgt.get("missed:1999")).toBe("1999");
    expect(await countDifferences(pair)).toBe(0);
    await replicator.stop();
  });

  it("FLUSHDB on the source during live is detected and the target loses those keys too", async () => {
    pair = await startReplicationPair();
    await seedMixed(pair.src, 2_000);
    const { replicator, events } = startTestReplicator(pair);
    await replicator.start();
    expect(await replicator.drain(REPAIR_WAIT_MS)).toBe(true);
    expect(await pair.tgt.dbsize()).toBe(2_000);
    await pair.src.flushdb();
    await pair.src.set("after-flush", "1");
    await new Promise((r) => setTimeout(r, 2 * HEALTH_INTERVAL_MS));
    expect(await replicator.drain(REPAIR_WAIT_MS)).toBe(true);
    expect(kinds(events)).toContain("flush-detected");
    expect(await pair.tgt.dbsize()).toBe(1);
    expect(await pair.tgt.get("after-flush")).toBe("1");
    await replicator.stop();
  });
});
