import type { TCutoverGate } from "./cutover-gate";

/**
 * Why the cutover gate is closed, in the one wording the cutover action, the runner's hold and its
 * events share: every failing condition with what it saw ("Byte lag at most 1,024 B for 1 s: Lag
 * is 10,042 B now.").
 */
export function describeClosedGate(gate: TCutoverGate): string {
  const failing = gate.conditions.filter((c) => !c.ok).map((c) => `${c.label}: ${c.detail}`);
  return `the cutover gate is closed (${failing.join("; ") || "no condition reported"})`;
}
