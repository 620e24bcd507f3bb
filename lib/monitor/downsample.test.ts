import { describe, expect, it } from "vitest";
import { bucketsToColumns, m4, mergeBuckets, SERIES_NAMES, type TSeriesName } from "./downsample";
import type { TBucket } from "./rollup";

const bucket = (start: number, over: Partial<TBucket> = {}): TBucket =>
  ({ start, n: 60, srcN: 60, tgtN: 60, srcOffsetMin: 0, srcOffsetMax: 0, tgtOffsetMin: 0, tgtOffsetMax: 0, lagMin: 0, lagMax: 0, linkUpMin: 1, syncPctMax: null, srcKeysMin: 10, srcKeysMax: 10, tgtKeysMin: 10, tgtKeysMax: 10, srcMemoryMin: 1, srcMemoryMax: 1, tgtMemoryMin: 1, tgtMemoryMax: 1, srcOpsMax: 0, tgtOpsMax: 0, ...over }) as TBucket;

describe("m4", () => {
  it("keeps a one-sample spike and the series' extremes under the point cap", () => {
    const t = Array.from({ length: 86_400 }, (_, i) => i);
    const v: (number | null)[] = t.map((i) => Math.sin(i / 500) * 100);
    v[43_210] = 1e6; // the one second the lag spiked
    v[70_000] = -5e5;
    const out = m4(t, v, 2_000);
    expect(out.t.length).toBeLessThanOrEqual(2_000);
    expect(Math.max(...(out.v as number[]))).toBe(1e6);
    expect(Math.min(...(out.v as number[]))).toBe(-5e5);
    expect(out.t).toEqual([...out.t].sort((a, b) => a - b));
  });

  it("keeps a gap visible as a null", () => {
    const t = Array.from({ length: 10_000 }, (_, i) => i);
    const v: (number | null)[] = t.map((i) => (i >= 5_000 && i < 5_100 ? null : i));
    expect(m4(t, v, 500).v).toContain(null);
  });
});

describe("mergeBuckets / bucketsToColumns", () => {
  it("folds minutes into wider buckets keeping min, max and down counts", () => {
    const minutes = [bucket(0, { lagMax: 5 }), bucket(60_000, { lagMax: 900, lagMin: 2, tgtN: 50 }), bucket(120_000, { srcKeysMin: 3 })];
    const [b] = mergeBuckets(minutes, 0, 180_000);
    expect(b).toMatchObject({ start: 0, n: 180, tgtN: 170, lagMax: 900, lagMin: 0, srcKeysMin: 3 });
    const cols = bucketsToColumns([b], 180_000);
    expect(cols.lagBytes).toEqual([0, 900]);
    // 10 target readings missing in the bucket: the up band shows it down.
    expect(cols.tgtUp).toEqual([0, 0]);
  });

  it("breaks the line where no samples exist and blanks an end that was never read", () => {
    const cols = bucketsToColumns([bucket(0), bucket(600_000, { srcN: 0 })], 60_000);
    expect(cols.t.length).toBe(5);
    expect(cols.srcOffset[2]).toBeNull(); // the gap marker
    expect(cols.srcKeys.slice(3)).toEqual([null, null]);
    expect(cols.tgtKeys.slice(3)).toEqual([10, 10]);
  });

  it("ends every series on the range's last sample, keeping the last bucket's envelope before it", () => {
    const last = { tMs: 150_000, values: Object.fromEntries(SERIES_NAMES.map((n) => [n, 7])) as Record<TSeriesName, number | null> };
    const cols = bucketsToColumns([bucket(0), bucket(120_000, { lagMin: 1, lagMax: 900 })], 60_000, last);
    for (const n of SERIES_NAMES) expect(cols[n][cols[n].length - 1]).toBe(7);
    expect(cols.t[cols.t.length - 1]).toBe(150);
    // The spike of the last bucket is still drawn, before the last sample.
    expect(cols.lagBytes).toContain(900);
    expect(cols.lagBytes).toContain(1);
    expect(cols.t).toEqual([...cols.t].sort((a, b) => a - b));
    expect(new Set(cols.t).size).toBe(cols.t.length);
    // The missing minute between the buckets is still a gap.
    expect(cols.srcOffset).toContain(null);
  });
});
