import "server-only";
import type { MigrationStep } from "@prisma/client";
import { db } from "../db";
import { recordEvent } from "../events/record-event";
import { readStepDetail, writeLastError, writeStepDetail } from "../migrations/migration-record";
import type { MigrationConnections } from "./connections";
import { createFlowContext } from "./flow-context";
import { flowFor } from "./flows";
import { LeaseLost, RunnerCrash, type TRunnerHooks } from "./runner-hooks";
import { runnerTransition } from "./runner-transition";
import { ACTIVE_STATES, type TMigrationState } from "./states";
import { asAppError, backoffMs, isTransient, lastErrorRecord } from "./step-errors";
import type { TDetail, TFlow, TFlowOptions, TStepDef, TStepOutcome } from "./types";

export type TPassSettings = {
  owner: string;
  leaseMs: number;
  flow: TFlowOptions;
  retry: { baseMs: number; capMs: number; maxTransient: number };
  hooks?: TRunnerHooks;
};

/** What the runner should do with this migration next: look again after `nextInMs`, or let go. */
export type TPassResult = { nextInMs: number } | { release: true };

const ABORT_POSITION = 1000;

/** One pass over one leased migration: run its current step once and record what happened. */
export async function runPass(migrationId: string, conns: MigrationConnections, s: TPassSettings): Promise<TPassResult> {
  const migration = await db.migration.findUnique({ where: { id: migrationId }, include: { source: true, target: true } });
  if (!migration || !ACTIVE_STATES.includes(migration.state as TMigrationState)) return { release: true };
  const state = migration.state as TMigrationState;
  const flow = flowFor(migration.strategy);
  const rows = await ensureStepRows(migrationId, flow, state === "aborting");
  const { def, row } = currentStep(flow, rows, state);
  // A runner that died between finishing a step and moving the state left the move undone.
  const previous = def ? flow.steps[flow.steps.indexOf(def) - 1] : undefined;
  if (previous?.advance && previous.advance.from === state) {
    await runnerTransition({ migrationId, owner: s.owner, ...previous.advance, why: `${previous.label} done` });
    return { nextInMs: 0 };
  }
  if (!def || !row) {
    await runnerTransition({ migrationId, owner: s.owner, from: state, to: "completed", data: { completedAt: new Date() }, why: "every step is done" });
    return { release: true };
  }
  const startedRow = row.status === "pending"
    ? await db.migrationStep.update({ where: { id: row.id }, data: { status: "running", startedAt: new Date(), attempts: { increment: 1 }, endedAt: null } })
    : row;
  if (migration.currentStep !== def.name) await db.migration.update({ where: { id: migrationId }, data: { currentStep: def.name } });

  const detail: TDetail = readStepDetail(startedRow.detail);
  const ctx = createFlowContext({
    migration, stepRowId: row.id, detail, stepStartedAt: startedRow.startedAt, owner: s.owner, leaseMs: s.leaseMs, options: s.flow, conns, hooks: s.hooks,
  });
  let outcome: TStepOutcome;
  try {
    outcome = await def.run(ctx);
  } catch (err) {
    if (err instanceof RunnerCrash || err instanceof LeaseLost) throw err;
    conns.reset();
    return onError(migrationId, state, def, startedRow, ctx.detail, err, s);
  }
  const merged = { ...ctx.detail, ...outcome.detail, note: "note" in outcome ? outcome.note : undefined, transientFailures: undefined, lastTransient: undefined };
  if (outcome.status === "waiting") {
    await db.migrationStep.update({ where: { id: row.id }, data: { status: "waiting", detail: writeStepDetail(merged) } });
    return { nextInMs: s.flow.waitPollMs };
  }
  if (outcome.status === "back-to-gate") {
    await backToGate(migrationId, row.id, merged, outcome.reason, s.owner);
    return { nextInMs: s.flow.waitPollMs };
  }
  await db.migrationStep.update({ where: { id: row.id }, data: { status: "done", endedAt: new Date(), detail: writeStepDetail(merged) } });
  if (def === flow.abort) return finishAbort(migrationId, s.owner);
  if (def.advance) {
    const last = def === flow.steps.at(-1);
    await runnerTransition({ migrationId, owner: s.owner, ...def.advance, data: last ? { completedAt: new Date(), currentStep: null } : undefined, why: `${def.label} done` });
    if (last) return { release: true };
  }
  return { nextInMs: 0 };
}

async function ensureStepRows(migrationId: string, flow: TFlow, aborting: boolean): Promise<MigrationStep[]> {
  let rows = await db.migrationStep.findMany({ where: { migrationId }, orderBy: { position: "asc" } });
  const wanted = [...flow.steps.map((d, i) => ({ name: d.name, position: i })), ...(aborting ? [{ name: flow.abort.name, position: ABORT_POSITION }] : [])];
  const missing = wanted.filter((w) => !rows.some((r) => r.name === w.name));
  if (missing.length) {
    for (const w of missing) {
      await db.migrationStep.upsert({ where: { migrationId_name: { migrationId, name: w.name } }, create: { migrationId, ...w }, update: {} });
    }
    rows = await db.migrationStep.findMany({ where: { migrationId }, orderBy: { position: "asc" } });
  }
  return rows;
}

function currentStep(flow: TFlow, rows: MigrationStep[], state: TMigrationState): { def?: TStepDef; row?: MigrationStep } {
  if (state === "aborting") return { def: flow.abort, row: rows.find((r) => r.name === flow.abort.name) };
  for (const def of flow.steps) {
    const row = rows.find((r) => r.name === def.name);
    if (row && row.status !== "done" && row.status !== "skipped") return { def, row };
  }
  return {};
}

async function onError(migrationId: string, state: TMigrationState, def: TStepDef, row: MigrationStep, detail: TDetail, err: unknown, s: TPassSettings): Promise<TPassResult> {
  const e = asAppError(err);
  const failures = Number(detail.transientFailures ?? 0) + 1;
  if (isTransient(e) && failures < s.retry.maxTransient) {
    const wait = backoffMs(failures, s.retry.baseMs, s.retry.capMs);
    const lastTransient = { code: e.code, awsCode: e.detail?.awsCode, message: e.message, at: new Date().toISOString(), retryInMs: wait };
    await db.migrationStep.update({ where: { id: row.id }, data: { attempts: { increment: 1 }, detail: writeStepDetail({ ...detail, transientFailures: failures, lastTransient }) } });
    await recordEvent({ type: "step.retry_scheduled", level: "warn", migrationId, message: `${def.label}: ${e.message} Retrying in ${Math.round(wait / 100) / 10} s.`, data: { step: def.name, code: e.code, awsCode: e.detail?.awsCode } });
    return { nextInMs: wait };
  }
  const lastError = lastErrorRecord(e, def.name, state);
  await db.migrationStep.update({ where: { id: row.id }, data: { status: "failed", endedAt: new Date(), detail: writeStepDetail({ ...detail, error: lastError }) } });
  await recordEvent({ type: "step.failed", level: "error", migrationId, message: `${def.label} failed: ${e.message}`, data: { ...lastError } });
  await runnerTransition({ migrationId, owner: s.owner, from: state, to: "failed", data: { lastError: writeLastError(lastError) }, why: `${def.label} failed (${lastError.awsCode ?? e.code})` });
  return { release: true };
}

async function backToGate(migrationId: string, rowId: string, detail: TDetail, reason: string, owner: string): Promise<void> {
  const lapsed = { reason, at: new Date().toISOString() };
  await db.migrationStep.update({ where: { id: rowId }, data: { status: "pending", startedAt: null, detail: writeStepDetail({ ...detail, heldSince: undefined, refused: lapsed }) } });
  // The gate step shows it until the next confirmation: the operator sees why the cutover did not happen.
  const gateStep = await db.migrationStep.findUnique({ where: { migrationId_name: { migrationId, name: "cutover-gate" } } });
  const gateDetail = readStepDetail(gateStep?.detail);
  await db.migrationStep.updateMany({ where: { migrationId, name: "cutover-gate" }, data: { status: "waiting", endedAt: null, detail: writeStepDetail({ ...gateDetail, lapsed }) } });
  await recordEvent({ type: "migration.cutover_refused", level: "warn", migrationId, message: `Cutover not sent: ${reason}.`, data: { reason } });
  await runnerTransition({ migrationId, owner, from: "cutting-over", to: "in-sync", data: { intent: null }, why: "the confirmed cutover lapsed before the gate held" });
}

async function finishAbort(migrationId: string, owner: string): Promise<TPassResult> {
  await db.migrationStep.updateMany({ where: { migrationId, status: { in: ["pending", "running", "waiting", "failed"] } }, data: { status: "skipped", endedAt: new Date() } });
  await runnerTransition({ migrationId, owner, from: "aborting", to: "aborted", data: { completedAt: new Date(), currentStep: null }, why: "aborted by an operator" });
  return { release: true };
}
