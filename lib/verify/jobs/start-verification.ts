import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { recordEvent } from "@/lib/events/record-event";
import type { TSessionUser } from "@/lib/auth/sessions";
import {
  ACTIVE_STATUSES,
  DEFAULT_VERIFICATION_OPTIONS,
  ZVerificationOptions,
  ZVerifyMode,
  type TVerificationOptions,
  type TVerifyMode,
} from "./verification-options";

export type TEnqueueVerificationInput = {
  migrationId: string;
  /** Email of the operator, or e.g. "runner" for the flow's verify step. */
  requestedBy: string;
  mode?: TVerifyMode;
  options?: TVerificationOptions;
};

/**
 * Queues a verification run for the background worker and returns its id. One run at a time
 * per migration: a second request while one is queued or running is refused with CONFLICT,
 * whose detail carries the active run's id (the runner's verify step can wait on that one).
 */
export async function enqueueVerification(input: TEnqueueVerificationInput): Promise<{ id: string }> {
  const mode = ZVerifyMode.parse(input.mode ?? "full");
  const options = ZVerificationOptions.parse({ ...DEFAULT_VERIFICATION_OPTIONS, ...input.options });
  return db.$transaction(async (tx) => {
    const migration = await tx.migration.findUnique({ where: { id: input.migrationId }, select: { id: true } });
    if (!migration) throw new AppError("NOT_FOUND", "That migration does not exist.");
    const active = await tx.verificationRun.findFirst({
      where: { migrationId: input.migrationId, status: { in: [...ACTIVE_STATUSES] } },
      select: { id: true, status: true },
    });
    if (active) {
      throw new AppError("CONFLICT", `A verification is already ${active.status} for this migration.`, { activeRunId: active.id });
    }
    const run = await tx.verificationRun.create({
      data: { migrationId: input.migrationId, mode, options: JSON.stringify(options), requestedBy: input.requestedBy, status: "queued" },
      select: { id: true },
    });
    return run;
  });
}

/** The operator's "Start verification": enqueue plus the audit event. */
export async function startVerification(opts: { actor: TSessionUser; migrationId: string; mode?: TVerifyMode; options?: TVerificationOptions }): Promise<{ id: string }> {
  const run = await enqueueVerification({ migrationId: opts.migrationId, requestedBy: opts.actor.email, mode: opts.mode, options: opts.options });
  await recordEvent({
    type: "verification.requested",
    actor: opts.actor,
    migrationId: opts.migrationId,
    message: `${opts.actor.email} requested a ${opts.mode ?? "full"} verification`,
    data: { verificationId: run.id, mode: opts.mode ?? "full", options: opts.options ?? {} },
  });
  return run;
}
