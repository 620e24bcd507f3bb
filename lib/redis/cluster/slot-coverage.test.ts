import { describe, expect, it } from "vitest";
import { parseClusterNodes } from "./parse-cluster-nodes";
import { formatRanges, mergeRanges, slotCoverage } from "./slot-coverage";

describe("slot coverage", () => {
  it("names the ranges no shard owns", () => {
    const { covered, gaps } = slotCoverage([{ slots: [[0, 99], [200, 5460]] }, { slots: [[5461, 16000]] }]);
    expect(gaps).toEqual([[100, 199], [16001, 16383]]);
    expect(covered).toBe(16384 - 100 - 383);
    expect(formatRanges(gaps)).toBe("100-199, 16001-16383");
    expect(mergeRanges([[6, 9], [0, 5], [20, 20]])).toEqual([[0, 9], [20, 20]]);
  });

  it("reads slots, failed nodes and migrating/importing from CLUSTER NODES (Redis before 7.0)", () => {
    const text = [
      "aaa 10.0.0.1:6379@16379 myself,master - 0 0 1 connected 0-5460 [42->-bbb]",
      "bbb 10.0.0.2:6379@16379,node-b.example master - 0 0 2 connected 5461-16383 [7-<-aaa]",
      "ccc 10.0.0.3:6379@16379 slave,fail aaa 0 0 1 disconnected",
    ].join("\n");
    const parsed = parseClusterNodes(text);
    expect(parsed.myselfId).toBe("aaa");
    expect(parsed.shards.map((s) => [s.id, s.slots, s.primary.host, s.replicas.map((r) => [r.id, r.health])])).toEqual([
      ["aaa", [[0, 5460]], "10.0.0.1", [["ccc", "failed"]]],
      ["bbb", [[5461, 16383]], "node-b.example", []],
    ]);
    expect(parsed.moves).toEqual([
      { slot: 42, state: "migrating", nodeId: "aaa", peerId: "bbb" },
      { slot: 7, state: "importing", nodeId: "bbb", peerId: "aaa" },
    ]);
  });
});
