import { afterEach, describe, expect, it } from "vitest";
import { countDifferences, startReplicationPair, startTestReplicator, type ReplicationPair } from "./test-helpers/replication-pair";

let pair: ReplicationPair | undefined;
afterEach(async () => {
  await pair?.stop();
  pair = undefined;
});

type Pending = [string, string, number, number];

describe("type-level stream copy carries consumer groups' pending entries", () => {
  it("recreates each group's PEL with its owners, idle consumers and position, so the verification finds no difference", async () => {
    // RESTORE refused: the stream goes through copy-stream.ts, not a DUMP payload.
    pair = await startReplicationPair({ targetArgs: ["--rename-command", "RESTORE", ""] });
    const { src, tgt } = pair;
    for (let i = 1; i <= 2_500; i++) await src.xadd("orders", `${i}-0`, "n", String(i));
    await src.xgroup("CREATE", "orders", "billing", "0");
    await src.xgroup("CREATE", "orders", "audit", "0");
    // alice takes 1,500 (more than one XPENDING page), bob 4 and acks one; carol owns nothing.
    await src.xreadgroup("GROUP", "billing", "alice", "COUNT", 1_500, "STREAMS", "orders", ">");
    await src.xreadgroup("GROUP", "billing", "bob", "COUNT", 4, "STREAMS", "orders", ">");
    await src.xack("orders", "billing", "1502-0");
    await src.call("XGROUP", "CREATECONSUMER", "orders", "billing", "carol");
    await src.xreadgroup("GROUP", "audit", "dave", "COUNT", 2, "STREAMS", "orders", ">");

    const { replicator } = startTestReplicator(pair, { options: { copyMode: "type-level" } });
    await replicator.start();
    expect(await replicator.drain(60_000)).toBe(true);
    expect(String(await tgt.info("commandstats"))).toMatch(/^cmdstat_xclaim:calls=1505,/m);

    const pel = async (r: typeof src, group: string) => ((await r.xpending("orders", group, "-", "+", 10_000)) as Pending[]).map(([id, owner, , deliveries]) => [id, owner, deliveries]);
    expect(await pel(tgt, "billing")).toEqual(await pel(src, "billing"));
    expect((await pel(tgt, "billing")).length).toBe(1_503);
    expect(await pel(tgt, "audit")).toEqual([["1-0", "dave", 1], ["2-0", "dave", 1]]);
    const consumers = async (r: typeof src) => ((await r.xinfo("CONSUMERS", "orders", "billing")) as unknown[][]).map((c) => String(c[1])).sort();
    expect(await consumers(tgt)).toEqual(["alice", "bob", "carol"]);
    const position = async (r: typeof src) => ((await r.xinfo("GROUPS", "orders")) as unknown[][]).map((g) => [g[1], g[7], g[9]]);
    expect(await position(tgt)).toEqual(await position(src));
    expect(await countDifferences(pair)).toBe(0);
    await replicator.stop();
  }, 120_000);
});
