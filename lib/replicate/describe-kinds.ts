import type { MismatchStatus } from "../verify/engine/key-status";
import type { TDifferenceKinds } from "./types";

const ORDER: MismatchStatus[] = ["MISSING", "EXTRA", "TYPE", "VALUE", "TTL"];

/** "2 MISSING, 1 TTL"; "" when none is known (none found, or an older record without kinds). */
export function listKinds(byKind: TDifferenceKinds | undefined): string {
  return ORDER.filter((k) => (byKind?.[k] ?? 0) > 0).map((k) => `${byKind![k]} ${k}`).join(", ");
}

/** " (2 MISSING, 1 TTL)" after a count of differences, or "". */
export function describeKinds(byKind: TDifferenceKinds | undefined): string {
  const list = listKinds(byKind);
  return list ? ` (${list})` : "";
}
