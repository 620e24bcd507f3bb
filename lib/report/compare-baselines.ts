import type { Baseline } from "@/lib/redis/baseline-types";
import { diffBaselines } from "@/lib/redis/diff-baselines";
import type { TReport } from "./report-schema";

export type TBaselineRow = { id: string; endpointId: string; endpointName: string; label: string; capturedAt: Date; capturedBy: string | null; baseline: Baseline };

/**
 * Seed 004's check: the source before against the target after (newest of each), side by side,
 * and whether the target persists like the source did. `rows` are newest-first.
 */
export function compareBaselines(rows: TBaselineRow[], sourceId: string, targetId: string): { sides: TReport["baselines"]; persistence: TReport["persistence"] } {
  const before = rows.find((r) => r.endpointId === sourceId && r.label === "before") ?? null;
  const after = rows.find((r) => r.endpointId === targetId && r.label === "after") ?? null;
  const ref = (r: TBaselineRow | null) =>
    r ? { id: r.id, endpointName: r.endpointName, capturedAt: r.capturedAt.toISOString(), capturedBy: r.capturedBy, totalKeys: r.baseline.totalKeys, usedMemory: r.baseline.memory.used } : null;
  const diff = before && after ? diffBaselines(before.baseline, after.baseline) : [];
  const sides = { sourceBefore: ref(before), targetAfter: ref(after), rows: diff, differs: diff.filter((d) => d.status === "differs").length };
  if (!before || !after) return { sides, persistence: null };
  const s = before.baseline.persistence;
  const t = after.baseline.persistence;
  return {
    sides,
    persistence: {
      sourceAofEnabled: s.aofEnabled,
      targetAofEnabled: t.aofEnabled,
      aofMatches: s.aofEnabled === t.aofEnabled,
      sourceLastBgsaveStatus: s.rdbLastBgsaveStatus,
      targetLastBgsaveStatus: t.rdbLastBgsaveStatus,
      targetBgsaveOk: t.rdbLastBgsaveStatus === null || t.rdbLastBgsaveStatus === "ok",
    },
  };
}
