import "server-only";
import { db } from "../db";
import { recordEvent } from "../events/record-event";
import type { TCutoverGate } from "./cutover-gate";
import { describeClosedGate } from "./describe-closed-gate";

/**
 * States in which a gate transition is news. Not cutting-over: the promotion itself takes the
 * replication link down, and "wait for the gate to reopen" would then be wrong advice.
 */
export const GATE_STATES = ["running", "in-sync"];

/** Whether the gate was open by the last gate.* event of a migration (false when it never opened). */
async function lastRecordedOpen(migrationId: string): Promise<boolean> {
  const last = await db.event.findFirst({ where: { migrationId, type: { in: ["gate.opened", "gate.closed"] } }, orderBy: { at: "desc" }, select: { type: true } });
  return last?.type === "gate.opened";
}

/**
 * Records gate.opened / gate.closed for a migration whose gate, as just judged, differs from the
 * last recorded one. `known` is the caller's memory of that state, so a steady
 * gate costs no event read; a change is confirmed against the events before it is recorded, so a
 * sampler that took the migration over from another does not record the same opening again.
 */
export async function recordGateTransition(opts: { migrationId: string; gate: TCutoverGate; known: Map<string, boolean> }): Promise<"opened" | "closed" | null> {
  const { migrationId, gate, known } = opts;
  if (!known.has(migrationId)) known.set(migrationId, await lastRecordedOpen(migrationId));
  if (gate.open === known.get(migrationId)) return null;
  const wasOpen = await lastRecordedOpen(migrationId);
  known.set(migrationId, gate.open);
  if (gate.open === wasOpen) return null;
  if (gate.open) {
    await recordEvent({
      type: "gate.opened",
      migrationId,
      message: "The cutover gate opened: every condition holds. You can cut over now (type the target's name to confirm).",
      data: { conditions: gate.conditions.map((c) => ({ id: c.id, detail: c.detail })) },
    });
    return "opened";
  }
  const reason = describeClosedGate(gate);
  await recordEvent({
    type: "gate.closed",
    level: "warn",
    migrationId,
    message: `The cutover gate closed again: ${reason.replace(/^the cutover gate is closed /, "")}. Wait for it to reopen before cutting over.`,
    data: { reason, failing: gate.conditions.filter((c) => !c.ok).map((c) => c.id) },
  });
  return "closed";
}
