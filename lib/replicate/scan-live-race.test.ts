import { afterEach, describe, expect, it } from "vitest";
import { countDifferences, startReplicationPair, startTestReplicator, type ReplicationPair } from "./test-helpers/replication-pair";

let pair: ReplicationPair | undefined;
afterEach(async () => {
  await pair?.stop();
  pair = undefined;
});

async function waitForTempKey(pair: ReplicationPair): Promise<void> {
  for (let i = 0; i < 2_000; i++) {
    const [, keys] = await pair.tgt.scan("0", "MATCH", "__ferry_tmp:*", "COUNT", 1000);
    if (keys.length > 0) return;
    await new Promise((r) => setTimeout(r, 2));
  }
  throw new Error("the scan never started a chunked copy");
}

describe("initial copy racing live writes", () => {
  it("a key replaced on the source while the scan copies it ends with the new value, not the scan's older read (RIOT #130)", async () => {
    pair = await startReplicationPair();
    // Big enough (over bigKeyBytes) to be copied in chunks, which keeps the scan's read open for a while.
    for (let i = 0; i < 200_000; i += 5_000) {
      const fields: string[] = [];
      for (let j = i; j < i + 5_000; j++) fields.push(`f${j}`, `value-${j}`);
      await pair.src.hset("big", ...fields);
    }
    await pair.src.set("other", "x");
    const { replicator } = startTestReplicator(pair, { options: { batchSize: 10 } });
    await replicator.start();
    await waitForTempKey(pair);
    // Mid-copy, the key is replaced by a small one: its live apply lands at once, long before the scan's RENAME would.
    await pair.src.multi().del("big").hset("big", "only", "new").exec();
    expect(await replicator.drain(60_000)).toBe(true);
    expect(await pair.tgt.hgetall("big")).toEqual({ only: "new" });
    expect(await countDifferences(pair)).toBe(0);
    await replicator.stop();
  });
});
