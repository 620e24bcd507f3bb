import type { Baseline } from "@/lib/redis/baseline-types";
import { diffBaselines } from "@/lib/redis/diff-baselines";
import type { TReport, TReportBaselineComparison } from "./report-schema";

export type TBaselineRow = { id: string; endpointId: string; endpointName: string; label: string; capturedAt: Date; capturedBy: string | null; baseline: Baseline };

type TEnd = { endpointId: string; label: "before" | "after"; name: string };
type TPair = { id: TReportBaselineComparison["id"]; title: string; aLabel: string; bLabel: string; a: TEnd; b: TEnd; expectedBecause: string | null };

/**
 * Like with like (issue 18): both ends captured at the same point (at cutover; for a snapshot, the
 * source just before its snapshot against the group restored from it), then each end before and
 * after, where a change is expected because the write load, or the migration itself, ran between.
 * `rows` are newest-first; the newest capture of each end and label is used.
 */
export function compareBaselines(rows: TBaselineRow[], m: { strategy: string; sourceId: string; targetId: string }): { baselines: TReport["baselines"]; persistence: TReport["persistence"] } {
  const snapshot = m.strategy === "snapshot";
  const src = (label: TEnd["label"]): TEnd => ({ endpointId: m.sourceId, label, name: `source ${label}` });
  const tgt = (label: TEnd["label"]): TEnd => ({ endpointId: m.targetId, label, name: `target ${label}` });
  const pairs: TPair[] = [
    snapshot
      ? { id: "ends", title: "Source at the snapshot, target restored from it", aLabel: "Source before", bLabel: "Target after", a: src("before"), b: tgt("after"), expectedBecause: null }
      : { id: "ends", title: "Source and target at cutover", aLabel: "Source", bLabel: "Target", a: src("after"), b: tgt("after"), expectedBecause: null },
    { id: "source-before-after", title: "Source before and after", aLabel: "Before", bLabel: "After", a: src("before"), b: src("after"),
      expectedBecause: "the source kept taking the application's writes between the two captures" },
    { id: "target-before-after", title: "Target before and after", aLabel: "Before", bLabel: "After", a: tgt("before"), b: tgt("after"),
      expectedBecause: "the migration copied the source's data into the target between the two captures" },
  ];
  const find = (e: TEnd) => rows.find((r) => r.endpointId === e.endpointId && r.label === e.label) ?? null;
  const comparisons: TReportBaselineComparison[] = [];
  const missing: string[] = [];
  for (const p of pairs) {
    const a = find(p.a);
    const b = find(p.b);
    if (!a || !b) {
      if (p.id === "ends") missing.push(...[!a && p.a.name, !b && p.b.name].filter((x): x is string => !!x));
      continue;
    }
    comparisons.push(compare(p, a, b));
  }
  const ends = pairs[0];
  const [a, b] = [find(ends.a), find(ends.b)];
  return { baselines: { comparisons, missing }, persistence: a && b ? persistenceOf(a.baseline, b.baseline) : null };
}

function compare(p: TPair, a: TBaselineRow, b: TBaselineRow): TReportBaselineComparison {
  const rows = diffBaselines(a.baseline, b.baseline).map((r) =>
    p.expectedBecause && r.status === "differs" ? { ...r, status: "expected-diff" as const, note: `Expected: ${p.expectedBecause}.` } : r,
  );
  const ref = (r: TBaselineRow) => ({ id: r.id, endpointName: r.endpointName, capturedAt: r.capturedAt.toISOString(), capturedBy: r.capturedBy, totalKeys: r.baseline.totalKeys, usedMemory: r.baseline.memory.used });
  return {
    id: p.id, title: p.title, aLabel: p.aLabel, bLabel: p.bLabel, a: ref(a), b: ref(b),
    secondsApart: Math.abs(b.capturedAt.getTime() - a.capturedAt.getTime()) / 1000,
    rows,
    differing: rows.filter((r) => r.status === "differs").map((r) => r.label),
    changed: p.expectedBecause ? rows.filter((r) => r.status === "expected-diff").map((r) => r.label) : [],
    expectedBecause: p.expectedBecause,
  };
}

function persistenceOf(s: Baseline, t: Baseline): NonNullable<TReport["persistence"]> {
  return {
    sourceAofEnabled: s.persistence.aofEnabled,
    targetAofEnabled: t.persistence.aofEnabled,
    aofMatches: s.persistence.aofEnabled === t.persistence.aofEnabled,
    sourceLastBgsaveStatus: s.persistence.rdbLastBgsaveStatus,
    targetLastBgsaveStatus: t.persistence.rdbLastBgsaveStatus,
    targetBgsaveOk: t.persistence.rdbLastBgsaveStatus === null || t.persistence.rdbLastBgsaveStatus === "ok",
  };
}
