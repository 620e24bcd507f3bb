import { describe, expect, it } from "vitest";
import { GateWindow } from "./gate-window";
import type { TSampledGateRow } from "./judge-sampled-gate";

const row = (i: number): TSampledGateRow => ({
  at: new Date(1_700_000_000_000 + i * 1_000),
  // Every value a gate reads, including the nulls of an end not read and of a target not replicating.
  lagBytes: i % 3 === 0 ? null : i * 10,
  linkUp: i % 4 === 0 ? null : i % 4 === 1,
  syncInProgress: i % 5 === 0 ? null : i % 5 === 1,
  srcKeys: i % 7 === 0 ? null : 1_000 + i,
  tgtKeys: i % 6 === 0 ? null : 0,
  srcUp: i % 2 === 0,
  tgtUp: i % 3 !== 1,
  shards: i % 8 === 0 ? `[{"shard":${i}}]` : null,
  repl: i % 9 === 0 ? `{"pending":${i}}` : null,
});

describe("GateWindow", () => {
  it("gives back exactly the rows pushed, oldest first, past its first capacity and after dropping the oldest", () => {
    const w = new GateWindow();
    for (let i = 0; i < 40; i++) w.push(row(i));
    expect(w.rows()).toEqual(Array.from({ length: 40 }, (_, i) => row(i)));
    w.dropBefore(row(25).at.getTime());
    for (let i = 40; i < 60; i++) w.push(row(i)); // wraps around the reused arrays
    expect(w.length).toBe(35);
    expect(w.rows()).toEqual(Array.from({ length: 35 }, (_, i) => row(25 + i)));
  });

  it("drops everything older than the window, and nothing when all is recent", () => {
    const w = new GateWindow();
    for (let i = 0; i < 5; i++) w.push(row(i));
    w.dropBefore(row(0).at.getTime());
    expect(w.length).toBe(5);
    w.dropBefore(row(10).at.getTime());
    expect(w.rows()).toEqual([]);
  });
});
