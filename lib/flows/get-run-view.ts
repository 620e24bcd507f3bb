import "server-only";
import { db } from "../db";
import { AppError } from "../errors";
import { getMigration } from "../migrations/get-migration";
import { readFinalOffsets, readLastError, readStepDetail } from "../migrations/migration-record";
import { flowFor, hasFlow } from "./flows";
import { ACTIVE_STATES, type TMigrationState } from "./states";
import type { TLastError } from "./step-errors";

export type TRunStepView = {
  name: string;
  label: string;
  status: string;
  attempts: number;
  startedAt: string | null;
  endedAt: string | null;
  /** What the step last said (e.g. "Initial sync 42%"), or its error message. */
  note: string | null;
};

export type TRunView = {
  migrationId: string;
  state: TMigrationState;
  runnable: boolean;
  canStart: boolean;
  /** Draft only: what must be set before Start is offered (snapshot options, grant confirmations). */
  startBlockers: Array<{ title: string; evidence: string; fixLink?: { href: string; label: string } }>;
  active: boolean;
  targetName: string;
  /** Whether the strategy waits for the operator to cut over (online, replicaof) or not (snapshot). */
  hasCutover: boolean;
  /** What Abort sends for this strategy (e.g. StopMigration for serverless). */
  abortLabel: string | null;
  steps: TRunStepView[];
  lastError: TLastError | null;
  intent: { kind: string; by: string | null; at: string | null } | null;
  cutoverAt: string | null;
  finalOffsets: Record<string, unknown> | null;
  watchUntil: string | null;
  runner: { owner: string; until: string } | null;
};

/** The Run card's data: the strategy's step list merged with what the runner recorded. */
export async function getRunView(migrationId: string): Promise<TRunView> {
  const m = await db.migration.findUnique({ where: { id: migrationId }, include: { target: { select: { name: true } }, steps: true } });
  if (!m) throw new AppError("NOT_FOUND", "That migration does not exist.");
  const runnable = hasFlow(m.strategy);
  const state = m.state as TMigrationState;
  const defs = runnable ? flowFor(m.strategy).steps : [];
  const abortDef = runnable ? flowFor(m.strategy).abort : null;
  const rowOf = (name: string) => m.steps.find((s) => s.name === name);
  const steps = [...defs, ...(abortDef && rowOf(abortDef.name) ? [abortDef] : [])].map((d): TRunStepView => {
    const row = rowOf(d.name);
    const detail = readStepDetail(row?.detail);
    return {
      name: d.name,
      label: d.label,
      status: row?.status ?? "pending",
      attempts: row?.attempts ?? 0,
      startedAt: row?.startedAt?.toISOString() ?? null,
      endedAt: row?.endedAt?.toISOString() ?? null,
      note: detail.error?.message ?? detail.lastTransient?.message ?? detail.note ?? null,
    };
  });
  const view = state === "draft" && runnable ? await getMigration(m.id) : null;
  const cleared = view?.preflightCleared ?? false;
  return {
    migrationId: m.id,
    state,
    runnable,
    canStart: cleared,
    startBlockers: (view?.startBlockers ?? []).map((c) => ({ title: c.title, evidence: c.evidence, fixLink: c.fixLink })),
    active: ACTIVE_STATES.includes(state),
    targetName: m.target.name,
    hasCutover: defs.some((d) => d.name === "cutover-gate" || d.name === "cutover"),
    abortLabel: abortDef?.label ?? null,
    steps,
    lastError: readLastError(m.lastError),
    intent: m.intent ? { kind: m.intent, by: m.intentBy, at: m.intentAt?.toISOString() ?? null } : null,
    cutoverAt: m.cutoverAt?.toISOString() ?? null,
    finalOffsets: readFinalOffsets(m.finalOffsets),
    watchUntil: m.watchUntil?.toISOString() ?? null,
    runner: m.leaseOwner && m.leaseUntil && m.leaseUntil > new Date() ? { owner: m.leaseOwner, until: m.leaseUntil.toISOString() } : null,
  };
}
