import { describe, expect, it } from "vitest";
import type { TShardProgress } from "../engine/cluster/cluster-verify-types";
import { verificationShardRows } from "./verification-shard-rows";

const shard = (over: Partial<TShardProgress>): TShardProgress => ({
  source: "10.0.0.1:6379", phase: "scan", keysDone: 10, keysTotal: 20, mismatchesSoFar: 0, pairsDone: 0, pairsTotal: 1, pairsRedone: 0, events: [], ...over,
});

describe("verificationShardRows", () => {
  it("a node-to-node run has no per-shard view, so the panel looks as before", () => {
    expect(verificationShardRows({ progress: { phase: "scan", keysDone: 5, keysTotal: 9 }, result: null })).toBeNull();
  });

  it("a running cluster run: each shard's primary, keys, differences, pairs and its events; no skipped slots yet", () => {
    const moved = "10.0.0.2:6379: slot 42 moved after 7 key(s) of the pair; 1 pair(s) redone on 10.0.0.3:6379 (0 finished pair(s) kept)";
    const view = verificationShardRows({ progress: { phase: "scan", shards: [shard({}), shard({ source: "10.0.0.2:6379", mismatchesSoFar: 3, pairsRedone: 1, events: [moved] })] }, result: null });
    expect(view).toEqual({
      skippedSlots: "",
      shards: [
        { primary: "10.0.0.1:6379", keysDone: 10, keysTotal: 20, differences: 0, pairsDone: 0, pairsTotal: 1, pairsRedone: 0, events: [] },
        { primary: "10.0.0.2:6379", keysDone: 10, keysTotal: 20, differences: 3, pairsDone: 0, pairsTotal: 1, pairsRedone: 1, events: [moved] },
      ],
    });
  });
});
