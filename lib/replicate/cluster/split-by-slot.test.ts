import { describe, expect, it } from "vitest";
import { keySlot } from "@/lib/redis/cluster/key-slot";
import { splitBySlot } from "./split-by-slot";

describe("splitBySlot", () => {
  it("keeps a MULTI block whole on its key's slot, splits a multi-key DEL per key, routes XGROUP by its key, sends keyless commands anywhere", () => {
    const units = splitBySlot([
      ["PING"],
      ["DEL", "a", "b"],
      ["MULTI"], ["RENAME", "{k}tmp", "{k}"], ["PEXPIRE", "{k}", 100], ["EXEC"],
      ["XGROUP", "CREATE", "stream", "g", "0"],
    ]);
    expect(units.map((u) => ({ slot: u.slot, at: u.at, n: u.commands.length }))).toEqual([
      { slot: null, at: [0], n: 1 },
      { slot: keySlot("a"), at: [1], n: 1 },
      { slot: keySlot("b"), at: [1], n: 1 },
      { slot: keySlot("k"), at: [2, 3, 4, 5], n: 4 },
      { slot: keySlot("stream"), at: [6], n: 1 },
    ]);
  });
});
