import { afterEach, describe, expect, it } from "vitest";
import { countDifferences, startReplicationPair, startTestReplicator, type ReplicationPair } from "./test-helpers/replication-pair";

let pair: ReplicationPair | undefined;
afterEach(async () => {
  await pair?.stop();
  pair = undefined;
});

async function seedWithoutTtls(pair: ReplicationPair, n: number): Promise<void> {
  const p = pair.src.pipeline();
  for (let i = 0; i < n; i++) p.set(`k:${i}`, `value-${i}`);
  await p.exec();
}

async function pttlCalls(pair: ReplicationPair): Promise<number> {
  return Number(/cmdstat_pttl:calls=(\d+)/.exec(await pair.src.info("commandstats"))?.[1] ?? 0);
}

describe("initial copy of a db without TTLs", () => {
  it("reads no PTTL on the source and ends with 0 differences", async () => {
    pair = await startReplicationPair();
    await seedWithoutTtls(pair, 5_000);
    await pair.src.config("RESETSTAT");
    const { replicator } = startTestReplicator(pair);
    await replicator.start();
    expect(await replicator.drain(60_000)).toBe(true);
    expect(await pttlCalls(pair)).toBe(0);
    expect(await pair.tgt.dbsize()).toBe(5_000);
    expect(await countDifferences(pair)).toBe(0);
    await replicator.stop();
  });

  it("TTLs set on the source while the scan runs end on the target too", async () => {
    pair = await startReplicationPair();
    await seedWithoutTtls(pair, 20_000);
    const { replicator } = startTestReplicator(pair, { options: { batchSize: 50 } });
    await replicator.start();
    // Once the first batch landed (INFO keyspace said expires=0), keys of every part of the
    // keyspace gain a TTL: their events are applied before the scan reaches most of them.
    while (replicator.stats().initialCopy.keysCopied === 0) await new Promise((r) => setTimeout(r, 1));
    expect(replicator.stats().initialCopy.done).toBe(false);
    for (let round = 0; round < 10; round++) {
      const p = pair.src.pipeline();
      for (let i = round; i < 20_000; i += 10 * 7) p.pexpire(`k:${i}`, 3_600_000);
      await p.exec();
    }
    expect(await replicator.drain(60_000)).toBe(true);
    const p = pair.tgt.pipeline();
    for (let i = 0; i < 20_000; i += 7) p.pttl(`k:${i}`);
    const ttls = (await p.exec())!.map(([, v]) => Number(v));
    const expected = Array.from({ length: ttls.length }, (_, j) => ((j * 7) % 70 < 10 ? "ttl" : "none"));
    expect(ttls.map((t) => (t > 0 ? "ttl" : "none"))).toEqual(expected);
    expect(await countDifferences(pair)).toBe(0);
    await replicator.stop();
  });
});
