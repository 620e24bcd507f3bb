import "server-only";
import { db } from "../db";
import { recordEvent } from "../events/record-event";
import { writeStepDetail } from "../migrations/migration-record";
import type { MigrationConnections } from "./connections";
import { renewLease } from "./lease";
import { LeaseLost, type TRunnerHooks } from "./runner-hooks";
import type { TDetail, TFlowContext, TFlowOptions, TMigrationRow } from "./types";

export function createFlowContext(opts: {
  migration: TMigrationRow;
  stepRowId: string;
  detail: TDetail;
  stepStartedAt: Date | null;
  owner: string;
  leaseMs: number;
  options: TFlowOptions;
  conns: MigrationConnections;
  hooks?: TRunnerHooks;
}): TFlowContext {
  const { migration, conns } = opts;
  const ctx: TFlowContext = {
    migration,
    options: opts.options,
    detail: opts.detail,
    stepStartedAt: opts.stepStartedAt,
    source: () => conns.sourceEndpoint(),
    target: () => conns.targetEndpoint(),
    sourceRedis: () => conns.sourceRedis(),
    targetRedis: () => conns.targetRedis(),
    targetAdmin: () => conns.targetAdmin(),
    targetNodeRedis: (node) => conns.targetNodeRedis(node),
    async saveDetail(patch) {
      Object.assign(ctx.detail, patch);
      await db.migrationStep.update({ where: { id: opts.stepRowId }, data: { detail: writeStepDetail(ctx.detail) } });
    },
    async assertLease() {
      if (!(await renewLease(migration.id, opts.owner, opts.leaseMs))) throw new LeaseLost(migration.id);
    },
    async afterWorldChange(call) {
      await opts.hooks?.afterWorldChange?.(call, migration.id);
    },
    async event(type, message, data, level) {
      await recordEvent({ type, message, level, migrationId: migration.id, data: { ...data, runner: opts.owner } });
    },
  };
  return ctx;
}
