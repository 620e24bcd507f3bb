import "server-only";
import { db } from "../db";
import { AppError } from "../errors";
import { recordEvent } from "../events/record-event";
import type { TSessionUser } from "../auth/sessions";
import { STRATEGIES, strategyMismatch, type TStrategy } from "./strategies";

export async function createMigration(opts: { actor: TSessionUser; name: string; strategy: TStrategy; sourceId: string; targetId: string }): Promise<{ id: string }> {
  if (opts.sourceId === opts.targetId) throw new AppError("INVALID_INPUT", "Source and target must be different endpoints.");
  const [source, target] = await Promise.all([
    db.endpoint.findUnique({ where: { id: opts.sourceId }, select: { kind: true, name: true } }),
    db.endpoint.findUnique({ where: { id: opts.targetId }, select: { kind: true, name: true } }),
  ]);
  if (!source || !target) throw new AppError("NOT_FOUND", "Pick a registered source and target.");
  const mismatch = strategyMismatch(opts.strategy, source.kind, target.kind);
  if (mismatch) throw new AppError("INVALID_INPUT", mismatch);
  const m = await db.migration.create({
    data: { name: opts.name, strategy: opts.strategy, sourceId: opts.sourceId, targetId: opts.targetId, createdById: opts.actor.id },
    select: { id: true },
  });
  await recordEvent({
    type: "migration.created",
    actor: opts.actor,
    migrationId: m.id,
    message: `${opts.actor.email} planned "${opts.name}": ${STRATEGIES[opts.strategy].label}, ${source.name} -> ${target.name}`,
  });
  return m;
}
