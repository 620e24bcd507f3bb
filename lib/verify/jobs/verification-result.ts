import type { CompareKeyspacesResult, KeyStatus } from "../engine/types";

/** What VerificationRun.result holds: the engine's result without the mismatch list (those are Mismatch rows). */
export type TStoredVerificationResult = Omit<CompareKeyspacesResult, "mismatches">;

export function toStoredResult(r: CompareKeyspacesResult): TStoredVerificationResult {
  const rest: Partial<CompareKeyspacesResult> = { ...r };
  delete rest.mismatches;
  return rest as TStoredVerificationResult;
}

/** "MISSING 4, VALUE 1" for event messages; empty when nothing differs. */
export function describeTotals(totals: Record<KeyStatus, number>): string {
  return (Object.entries(totals) as [KeyStatus, number][])
    .filter(([status, n]) => status !== "OK" && n > 0)
    .map(([status, n]) => `${status} ${n}`)
    .join(", ");
}
