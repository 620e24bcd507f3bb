import { describe, expect, it } from "vitest";
import { ZGateOptions } from "./gate-options";
import type { TGateSample } from "./cutover-gate";
import { aggregateShardSamples, judgeShardedGate, shardSamplesOf } from "./shard-gate";
import { describeClosedGate } from "./describe-closed-gate";
import { aggregateShardRows, readShardFacts, shardFactsOf } from "./shard-facts";
import { buildSample } from "./build-sample";

const gate = ZGateOptions.parse({ stableSeconds: 5 });
const now = Date.UTC(2026, 0, 1, 12, 0, 0);
const good: Omit<TGateSample, "at"> = { lagBytes: 0, linkUp: true, syncInProgress: false, srcKeys: 100, tgtKeys: 100, srcUp: true, tgtUp: true };

/** 1 Hz samples for the last `seconds` seconds, each shaped by `at(secondsAgo)`. */
const series = (seconds: number, at: (ago: number) => Partial<TGateSample> = () => ({})): TGateSample[] =>
  Array.from({ length: seconds + 1 }, (_, i) => seconds - i).map((ago) => ({ ...good, ...at(ago), at: new Date(now - ago * 1000 - 200) }));

describe("judgeShardedGate", () => {
  it("opens when every shard passes", () => {
    const g = judgeShardedGate(["0001", "0002", "0003"].map((id) => ({ nodeGroupId: id, samples: series(8) })), gate, now);
    expect(g.open).toBe(true);
    expect(g.conditions).toEqual([expect.objectContaining({ id: "every-shard", ok: true, detail: "All 3 shards pass." })]);
    expect(g.shards.map((s) => s.open)).toEqual([true, true, true]);
  });

  it("stays closed when one shard's lag is high, and names that shard and why", () => {
    const g = judgeShardedGate([
      { nodeGroupId: "0001", samples: series(8) },
      { nodeGroupId: "0002", samples: series(8, (ago) => (ago < 2 ? { lagBytes: 500_000 } : {})) },
      { nodeGroupId: "0003", samples: series(8) },
    ], gate, now);
    expect(g.open).toBe(false);
    expect(g.conditions[0]).toMatchObject({ id: "every-shard", ok: false, detail: expect.stringMatching(/^Shard 0002: Lag is 500,000 B now\.$/) });
    expect(g.conditions.slice(1).map((c) => c.id)).toEqual(["0002:lag"]);
    expect(g.conditions[1].label).toMatch(/^Shard 0002: Byte lag at most/);
  });

  it("names every failing shard: a link down on one, a key difference on another", () => {
    const g = judgeShardedGate([
      { nodeGroupId: "0001", samples: series(8, () => ({ linkUp: false })) },
      { nodeGroupId: "0002", samples: series(8) },
      { nodeGroupId: "0003", samples: series(8, () => ({ tgtKeys: 90 })) },
    ], gate, now);
    expect(g.open).toBe(false);
    expect(g.conditions[0].detail).toMatch(/Shard 0001: master_link_status is down.*Shard 0003: Source 100, target 90 keys/);
    expect(g.conditions.slice(1).map((c) => c.id)).toEqual(["0001:link-up", "0001:lag", "0003:keys"]);
  });

  it("is closed with no shard at all", () => {
    expect(judgeShardedGate([], gate, now)).toMatchObject({ open: false, conditions: [{ id: "every-shard", ok: false }] });
  });
});

describe("aggregateShardSamples", () => {
  it("sums lag and keys, needs every link up, and is unknown when one shard is unknown", () => {
    const at = new Date(now);
    const a = aggregateShardSamples(at, [{ ...good, at, lagBytes: 10, srcKeys: 5, tgtKeys: 4 }, { ...good, at, lagBytes: 30 }]);
    expect(a).toMatchObject({ lagBytes: 40, linkUp: true, srcKeys: 105, tgtKeys: 104, srcUp: true });
    const b = aggregateShardSamples(at, [{ ...good, at, linkUp: false }, { ...good, at, lagBytes: null, tgtUp: false }]);
    expect(b).toMatchObject({ lagBytes: null, linkUp: false, tgtUp: false });
  });
});

describe("shardSamplesOf and the closed-gate wording", () => {
  const facts = (g: string, lag: number) => ({ g, srcOffset: 1000, tgtOffset: 1000 - lag, lagBytes: lag, linkUp: true, syncInProgress: false, srcKeys: 100, tgtKeys: 100, srcUp: true, tgtUp: true });
  const rows = (lag2: (ago: number) => number) => series(8).map((s, i, all) => ({ ...s, shards: JSON.stringify([facts("0001", 0), facts("0002", lag2(all.length - 1 - i))]) }));

  it("regroups stored samples per shard, and the gate built from them names only the stalled shard", () => {
    const sharded = shardSamplesOf(rows((ago) => (ago < 2 ? 90_000 : 0)))!;
    expect(sharded.map((s) => [s.nodeGroupId, s.samples.length])).toEqual([["0001", 9], ["0002", 9]]);
    const why = describeClosedGate(judgeShardedGate(sharded, gate, now));
    expect(why).toMatch(/^the cutover gate is closed \(shard 0002 not ready; Shard 0002: Byte lag at most .*: Lag is 90,000 B now\.\)$/);
    expect(why).not.toMatch(/0001/);
    expect(judgeShardedGate(shardSamplesOf(rows(() => 0))!, gate, now).open).toBe(true);
  });

  it("is null for single-node samples (the single-node gate applies)", () => {
    expect(shardSamplesOf(series(3).map((s) => ({ ...s, shards: null })))).toBeNull();
  });

  it("stores shard facts that round-trip from a built sample", () => {
    const row = buildSample({ migrationId: "m", at: new Date(now), src: null, tgt: null, withPersistence: false });
    expect(shardFactsOf("0003", row)).toMatchObject({ g: "0003", srcUp: false, tgtUp: false, lagBytes: null });
  });

  it("aggregates shard rows into the one row the charts show: sums, and a down shard makes its end down", () => {
    const base = buildSample({ migrationId: "m", at: new Date(now), src: null, tgt: null, withPersistence: false });
    const up = { ...base, srcOffset: 10, tgtOffset: 8, lagBytes: 2, linkUp: true, syncInProgress: false, srcKeys: 5, tgtKeys: 5, srcUp: true, tgtUp: true };
    const a = aggregateShardRows([{ nodeGroupId: "0001", row: up }, { nodeGroupId: "0002", row: { ...up, lagBytes: 3, srcKeys: 7 } }]);
    expect([a.lagBytes, a.srcKeys, a.tgtKeys, a.linkUp, a.srcUp]).toEqual([5, 12, 10, true, true]);
    expect(readShardFacts(a.shards).map((s) => [s.g, s.lagBytes])).toEqual([["0001", 2], ["0002", 3]]);
    const b = aggregateShardRows([{ nodeGroupId: "0001", row: up }, { nodeGroupId: "0002", row: { ...up, lagBytes: null, linkUp: null, tgtUp: false } }]);
    expect([b.lagBytes, b.linkUp, b.tgtUp]).toEqual([null, null, false]);
  });
});
