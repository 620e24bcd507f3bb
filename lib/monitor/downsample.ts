import { BUCKET_COLUMNS, type TBucket } from "./rollup";

/** Chart columns: `t` in epoch seconds (uPlot's unit), every other array aligned with it. */
export type TSampleColumns = {
  t: number[];
  srcOffset: (number | null)[];
  tgtOffset: (number | null)[];
  lagBytes: (number | null)[];
  /** 1 up, 0 down, null not a replica or not read. */
  linkUp: (number | null)[];
  /** 0-100 while the initial sync transfers, else null. */
  syncPct: (number | null)[];
  srcKeys: (number | null)[];
  tgtKeys: (number | null)[];
  srcMemory: (number | null)[];
  tgtMemory: (number | null)[];
  srcOps: (number | null)[];
  tgtOps: (number | null)[];
  /** 1 read, 0 not read (down or too slow). */
  srcUp: (number | null)[];
  tgtUp: (number | null)[];
};

export type TSeriesName = Exclude<keyof TSampleColumns, "t">;
export const SERIES_NAMES: TSeriesName[] = ["srcOffset", "tgtOffset", "lagBytes", "linkUp", "syncPct", "srcKeys", "tgtKeys", "srcMemory", "tgtMemory", "srcOps", "tgtOps", "srcUp", "tgtUp"];

export function emptyColumns(): TSampleColumns {
  return Object.fromEntries([["t", []], ...SERIES_NAMES.map((n) => [n, []])]) as unknown as TSampleColumns;
}

// How each bucket column folds: counts add up, minima and maxima keep the extreme.
const FOLD = BUCKET_COLUMNS.map((c) => (c === "n" || c === "srcN" || c === "tgtN" ? 0 : c.endsWith("Min") ? 1 : 2));

/**
 * Folds fine buckets (e.g. minute rollups) into buckets of widthMs aligned on fromMs. A bucket
 * that needs no folding is passed on as it is (a 24 h chart reads its rollups already folded in
 * SQL and only its last minutes are merged here): copying 700 objects of 22 keys cost ~3 ms a call.
 */
export function mergeBuckets(buckets: TBucket[], fromMs: number, widthMs: number): TBucket[] {
  const out: TBucket[] = [];
  let lastOwned = false;
  for (const b of buckets) {
    const start = fromMs + Math.floor((b.start - fromMs) / widthMs) * widthMs;
    let last = out[out.length - 1];
    if (!last || last.start !== start) {
      lastOwned = b.start !== start;
      out.push(lastOwned ? { ...b, start } : b);
      continue;
    }
    // The input is never written to: the first bucket of a fold is copied before anything lands in it.
    if (!lastOwned) out[out.length - 1] = last = { ...last };
    lastOwned = true;
    for (let i = 0; i < BUCKET_COLUMNS.length; i++) {
      const c = BUCKET_COLUMNS[i];
      const a = last[c];
      const v = b[c];
      if (v === null) continue;
      if (a === null) last[c] = v;
      else last[c] = FOLD[i] === 0 ? a + v : FOLD[i] === 1 ? Math.min(a, v) : Math.max(a, v);
    }
  }
  return out;
}

// Which bucket columns feed which chart series as [low, high]; the pair becomes two points, so a
// one-pixel-wide bucket draws as a vertical stroke from its minimum to its maximum.
const PAIRS: [TSeriesName, keyof TBucket, keyof TBucket, "src" | "tgt"][] = [
  ["srcOffset", "srcOffsetMin", "srcOffsetMax", "src"],
  ["tgtOffset", "tgtOffsetMin", "tgtOffsetMax", "tgt"],
  ["lagBytes", "lagMin", "lagMax", "tgt"],
  ["syncPct", "syncPctMax", "syncPctMax", "tgt"],
  ["srcKeys", "srcKeysMin", "srcKeysMax", "src"],
  ["tgtKeys", "tgtKeysMin", "tgtKeysMax", "tgt"],
  ["srcMemory", "srcMemoryMin", "srcMemoryMax", "src"],
  ["tgtMemory", "tgtMemoryMin", "tgtMemoryMax", "tgt"],
  ["srcOps", "srcOpsMax", "srcOpsMax", "src"],
  ["tgtOps", "tgtOpsMax", "tgtOpsMax", "tgt"],
];

/**
 * Two points per bucket (its minimum at the bucket's start, its maximum near its end), and a
 * null row where buckets are missing (the sampler was not running) so lines break there. The
 * up/link series take the worst reading of the bucket: one down reading marks the bucket down.
 * `last` (the range's last sample) ends the columns, so every series ends on its true latest
 * value rather than on its last bucket's maximum; the last bucket's points stay before it.
 */
export function bucketsToColumns(buckets: TBucket[], widthMs: number, last?: { tMs: number; values: Record<TSeriesName, number | null> }): TSampleColumns {
  const cols = emptyColumns();
  const gap = (tMs: number) => {
    cols.t.push(tMs / 1000);
    for (const n of SERIES_NAMES) cols[n].push(null);
  };
  // Columns are pushed directly (no per-point objects): 1,440 points x 13 series per call.
  const point = (tMs: number, b: TBucket, high: boolean) => {
    const n = b.n ?? 0;
    const read = { src: (b.srcN ?? 0) > 0, tgt: (b.tgtN ?? 0) > 0 };
    cols.t.push(tMs / 1000);
    for (const [name, min, max, side] of PAIRS) cols[name].push(read[side] ? b[high ? max : min] : null);
    cols.linkUp.push(b.linkUpMin);
    cols.srcUp.push((b.srcN ?? 0) === n ? 1 : 0);
    cols.tgtUp.push((b.tgtN ?? 0) === n ? 1 : 0);
  };
  let prevEnd: number | null = null;
  for (const b of buckets) {
    if (prevEnd !== null && b.start > prevEnd + widthMs) gap(prevEnd + 1000);
    let end = b.start + Math.max(1000, widthMs - 1000);
    // The last sample belongs to the last bucket: its envelope is drawn before the sample itself.
    if (last && end >= last.tMs) end = Math.max(b.start, last.tMs - 1);
    point(b.start, b, false);
    if (end > b.start) point(end, b, true);
    prevEnd = end;
  }
  if (last && (prevEnd === null || last.tMs > prevEnd)) {
    cols.t.push(last.tMs / 1000);
    for (const n of SERIES_NAMES) cols[n].push(last.values[n] ?? null);
  }
  return cols;
}

/**
 * M4 for one series (first, min, max, last per pixel column), used for CloudWatch series:
 * keeps every extreme, returns at most maxPoints points in time order, nulls kept as gaps.
 */
export function m4(t: number[], v: (number | null)[], maxPoints: number): { t: number[]; v: (number | null)[] } {
  if (t.length <= maxPoints) return { t, v };
  // Up to five picks per bucket (first, min, max, last and the first gap).
  const buckets = Math.max(1, Math.floor(maxPoints / 5));
  const t0 = t[0];
  const span = t[t.length - 1] - t0 || 1;
  const outT: number[] = [];
  const outV: (number | null)[] = [];
  let i = 0;
  for (let b = 0; b < buckets && i < t.length; b++) {
    const end = b === buckets - 1 ? Infinity : t0 + (span * (b + 1)) / buckets;
    const start = i;
    let min = -1;
    let max = -1;
    let sawNull = -1;
    for (; i < t.length && t[i] < end; i++) {
      const x = v[i];
      if (x === null) {
        if (sawNull < 0) sawNull = i;
        continue;
      }
      if (min < 0 || x < v[min]!) min = i;
      if (max < 0 || x > v[max]!) max = i;
    }
    if (i === start) continue;
    const picks = new Set([start, min, max, i - 1, sawNull].filter((k) => k >= 0));
    for (const k of [...picks].sort((a, b) => a - b)) {
      outT.push(t[k]);
      outV.push(v[k]);
    }
  }
  return { t: outT, v: outV };
}
