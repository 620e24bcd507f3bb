import { describe, expect, it } from "vitest";
import { byteTicks, countTicks } from "./axis-ticks";

const distinct = (xs: string[]) => new Set(xs).size === xs.length;

describe("axis ticks", () => {
  it("never repeat a label when the range is narrow against the value", () => {
    const keys = countTicks([38_200, 38_210, 38_220, 38_230]);
    expect(distinct(keys)).toBe(true);
    expect(keys).toEqual(["38.20k", "38.21k", "38.22k", "38.23k"]);
    const offsets = byteTicks([1_073_741_824, 1_073_741_824 + 50_000, 1_073_741_824 + 100_000]);
    expect(distinct(offsets)).toBe(true);
    expect(offsets[0]).toMatch(/ GiB$/);
  });
  it("stays short for round ranges", () => {
    expect(countTicks([0, 20_000, 40_000])).toEqual(["0k", "20k", "40k"]);
    expect(countTicks([0, 5, 10])).toEqual(["0", "5", "10"]);
    expect(byteTicks([0, 512, 1024])).toEqual(["0.0 KiB", "0.5 KiB", "1.0 KiB"]);
  });
});
