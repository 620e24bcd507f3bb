import { afterEach, describe, expect, it } from "vitest";
import { targetWriteRefusal } from "./target-write-refusal";
import { countDifferences, kinds, seedMixed, startReplicationPair, startTestReplicator, type ReplicationPair } from "./test-helpers/replication-pair";

let pair: ReplicationPair | undefined;
afterEach(async () => {
  await pair?.stop();
  pair = undefined;
});

function calls(commandstats: string, cmd: string): number {
  return Number(commandstats.match(new RegExp(`^cmdstat_${cmd}:calls=(\\d+)`, "m"))?.[1] ?? 0);
}

describe("big keys and type-level copy", () => {
  it("copies a 300k-field hash, a 20 MB string and a 100k-entry stream with its group in chunks, TTLs kept, sizes read without MEMORY USAGE", async () => {
    pair = await startReplicationPair({ sourceArgs: ["--rename-command", "MEMORY", ""] });
    for (let i = 0; i < 300_000; i += 10_000) {
      const fields: string[] = [];
      for (let j = i; j < i + 10_000; j++) fields.push(`field:${j}`, `v${j}`);
      await pair.src.hset("big:hash", ...fields);
    }
    await pair.src.set("big:string", Buffer.alloc(20 * 1024 * 1024, "abcdefgh"));
    for (let i = 0; i < 100_000; i += 5_000) {
      const p = pair.src.pipeline();
      for (let j = i; j < i + 5_000; j++) p.xadd("big:stream", `${j + 1}-0`, "n", String(j));
      await p.exec();
    }
    await pair.src.xgroup("CREATE", "big:stream", "workers", "5000-0");
    await pair.src.pexpire("big:hash", 600_000);
    await pair.src.pexpire("big:string", 600_000);
    const { replicator } = startTestReplicator(pair, { options: { bigKeyBytes: 1024 * 1024, maxBytesInFlight: 4 * 1024 * 1024 } });
    await replicator.start();
    expect(await replicator.drain(120_000)).toBe(true);
    const stats = String(await pair.tgt.info("commandstats"));
    expect(calls(stats, "restore")).toBe(0);
    expect(calls(stats, "hset")).toBeGreaterThanOrEqual(300);
    expect(calls(stats, "append")).toBeGreaterThanOrEqual(19);
    expect(await pair.tgt.hlen("big:hash")).toBe(300_000);
    expect(await pair.tgt.strlen("big:string")).toBe(20 * 1024 * 1024);
    for (const key of ["big:hash", "big:string"]) {
      const [source, target] = await Promise.all([pair.src.pttl(key), pair.tgt.pttl(key)]);
      expect(target).toBeGreaterThan(0);
      expect(Math.abs(source - target)).toBeLessThan(2_000);
    }
    const groups = (await pair.tgt.xinfo("GROUPS", "big:stream")) as unknown[][];
    expect(groups[0]).toEqual(expect.arrayContaining(["workers", "last-delivered-id", "5000-0"]));
    expect(await countDifferences(pair)).toBe(0);
    await replicator.stop();
  }, 180_000);

  it("falls back to type-level copy when the target refuses RESTORE, and ends identical", async () => {
    pair = await startReplicationPair({ targetArgs: ["--rename-command", "RESTORE", ""] });
    await seedMixed(pair.src, 3_000);
    const { replicator, events } = startTestReplicator(pair);
    await replicator.start();
    await pair.src.set("k:live", "written during the copy");
    expect(await replicator.drain(60_000)).toBe(true);
    expect(kinds(events)).toContain("copy-mode-fallback");
    expect(replicator.stats().copyMode).toBe("type-level");
    expect(await pair.tgt.get("k:live")).toBe("written during the copy");
    expect(await countDifferences(pair)).toBe(0);
    await replicator.stop();
  });

  it("never sends FLUSHALL or FLUSHDB to a target", () => {
    expect(targetWriteRefusal("FLUSHALL")?.code).toBe("REDIS_READ_ONLY_GUARD");
    expect(targetWriteRefusal("flushdb", ["ASYNC"])?.code).toBe("REDIS_READ_ONLY_GUARD");
    expect(targetWriteRefusal("RESTORE", ["k", 0, "x"])).toBeNull();
  });
});
