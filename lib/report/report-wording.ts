// Sentences the HTML, PDF and in-app report share, so the three say the same thing.
import { fmtBaselineLabel, fmtTime } from "./report-format";
import type { TReportBaselineComparison, TReportVerification } from "./report-schema";

const WHY_THIS_RUN = {
  requested: "the run asked for",
  recorded: "the run this migration's verify step recorded",
  latest: "the latest finished run (the migration recorded none that finished)",
} as const;

/** Names the verification run a report shows: id, who started it, when, and why this one. */
export function describeShownRun(v: TReportVerification): string {
  return `Run ${v.id}, started by ${v.requestedBy ?? "—"} at ${fmtTime(v.startedAt ?? v.createdAt)}, finished ${fmtTime(v.endedAt)}: ${WHY_THIS_RUN[v.chosenBy]}.`;
}

/** Which rows of a baseline comparison differ, and why a difference is or is not expected. */
export function describeComparison(c: TReportBaselineComparison): string {
  const apart = `${c.aLabel} captured ${fmtTime(c.a.capturedAt)} on ${c.a.endpointName}, ${c.bLabel.toLowerCase()} ${fmtTime(c.b.capturedAt)} on ${c.b.endpointName} (${Math.round(c.secondsApart * 10) / 10} s apart).`;
  const labels = (xs: string[]) => xs.map(fmtBaselineLabel).join(", ");
  if (c.expectedBecause) {
    return c.changed.length ? `${apart} Changed, as expected because ${c.expectedBecause}: ${labels(c.changed)}.` : `${apart} Nothing changed.`;
  }
  return c.differing.length
    ? `${apart} Differ: ${labels(c.differing)}. Writes that landed between the two captures count on one side only; the verification compares every key.`
    : `${apart} Every row that must match, matches.`;
}

/**
 * How one db's key counts compare: "agree", "ttl-only" (the totals differ but keys without a TTL
 * agree: expired keys are counted until each server reclaims them) or "differ".
 */
export function countsAgreement(c: Pick<TReportVerification["counts"][number], "keysAgree" | "persistentAgree">): "agree" | "ttl-only" | "differ" {
  if (!c.persistentAgree) return "differ";
  return c.keysAgree ? "agree" : "ttl-only";
}

/** The word each rendering shows for countsAgreement. */
export const COUNTS_WORD = { agree: "yes", "ttl-only": "TTL keys only", differ: "NO" } as const;
