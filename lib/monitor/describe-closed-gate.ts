import type { TCutoverGate } from "./cutover-gate";

/**
 * Why the cutover gate is closed, in the one wording the cutover action, the runner's hold and its
 * events share: every failing condition with what it saw ("Byte lag at most 1,024 B for 1 s: Lag
 * is 10,042 B now."). A cluster-mode gate first names the shards that hold it back; their own
 * conditions follow, each labelled with its shard, so its summary line is not repeated.
 */
export function describeClosedGate(gate: TCutoverGate): string {
  const failingConditions = gate.conditions.filter((c) => !c.ok);
  const perShard = failingConditions.filter((c) => c.id.includes(":"));
  const shards = [...new Set(perShard.map((c) => c.id.slice(0, c.id.indexOf(":"))))];
  const lead = shards.length ? [`shard${shards.length > 1 ? "s" : ""} ${shards.join(", ")} not ready`] : [];
  const failing = [...lead, ...failingConditions.filter((c) => !(shards.length && c.id === "every-shard")).map((c) => `${c.label}: ${c.detail}`)];
  return `the cutover gate is closed (${failing.join("; ") || "no condition reported"})`;
}
