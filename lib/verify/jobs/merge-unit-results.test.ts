import { describe, expect, it } from "vitest";
import type { VerifyProgress } from "../engine/types";
import { mergeUnitProgress, mergeUnitResults } from "./merge-unit-results";
import type { TStoredVerificationResult } from "./verification-result";

const unit = (o: Partial<TStoredVerificationResult>): TStoredVerificationResult => ({
  mode: "full", dbs: [0], counts: [], totals: { OK: 0, MISSING: 0, TYPE: 0, VALUE: 0, TTL: 0, EXTRA: 0 },
  mismatchCount: 0, truncated: false, keysCompared: 0, extraKeysScanned: 0, durationMs: 0, scanMs: 0, keysPerSec: 0,
  roundsRun: 1, notRechecked: 0, resumed: false, peakBytesInFlight: 0, scriptRead: false, sourceNoTouch: true, notes: [], ...o,
});
const progress = (o: Partial<VerifyProgress>): VerifyProgress => ({ phase: "scan", round: 1, db: 0, keysDone: 0, keysTotal: 0, keysPerSec: 0, etaSec: null, mismatchesSoFar: 0, ...o });

describe("a run as the sum of its units", () => {
  it("adds keys, differences and scan time; keys/s is keys over scan time; the slowest unit sets the wall time", () => {
    const r = mergeUnitResults([
      unit({ keysCompared: 600, totals: { OK: 598, MISSING: 2, TYPE: 0, VALUE: 0, TTL: 0, EXTRA: 0 }, mismatchCount: 2, scanMs: 300, durationMs: 400 }),
      unit({ keysCompared: 400, totals: { OK: 399, MISSING: 0, TYPE: 0, VALUE: 1, TTL: 0, EXTRA: 0 }, mismatchCount: 1, scanMs: 200, durationMs: 900, resumed: true }),
    ]);
    expect(r).toMatchObject({ keysCompared: 1000, mismatchCount: 3, scanMs: 500, keysPerSec: 2000, durationMs: 900, resumed: true });
    expect(r.totals).toEqual({ OK: 997, MISSING: 2, TYPE: 0, VALUE: 1, TTL: 0, EXTRA: 0 });
  });

  it("counts a db's total once however many units share it", () => {
    const p = mergeUnitProgress([
      progress({ keysDone: 300, keysTotal: 8000, keysPerSec: 100 }),
      progress({ keysDone: 500, keysTotal: 8000, keysPerSec: 150 }),
      progress({ phase: "done", keysDone: 1000, keysTotal: 1000 }),
    ])!;
    expect(p).toMatchObject({ phase: "scan", keysDone: 1800, keysTotal: 8000, keysPerSec: 250, etaSec: 25 });
  });
});
