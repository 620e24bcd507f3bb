import { z } from "zod";

export const ZVerifyMode = z.enum(["full", "length", "outline"]);

/**
 * What an operator (or the runner's verify step) may choose for one verification run; stored
 * as VerificationRun.options. The engine's defaults apply to anything left out.
 */
export const ZVerificationOptions = z.object({
  rounds: z.number().int().min(1).max(10).optional(),
  roundDelayMs: z.number().int().min(0).max(600_000).optional(),
  ttlToleranceMs: z.number().int().min(0).max(3_600_000).optional(),
  /** Also scan the target for keys the source lacks (EXTRA). */
  reverse: z.boolean().optional(),
  dbs: z.array(z.number().int().min(0).max(10_000)).max(10_000).optional(),
  batchSize: z.number().int().min(10).max(10_000).optional(),
  pipelineDepth: z.number().int().min(1).max(32).optional(),
  /** Longest wait for any reply before the run fails naming the silent end (engine default 10 s). */
  replyTimeoutMs: z.number().int().min(100).max(600_000).optional(),
});

export type TVerifyMode = z.infer<typeof ZVerifyMode>;
export type TVerificationOptions = z.infer<typeof ZVerificationOptions>;

/** Reverse pass on by default for sign-off: a key only in the target is a difference too. */
export const DEFAULT_VERIFICATION_OPTIONS: TVerificationOptions = { rounds: 3, roundDelayMs: 5000, reverse: true };

export const ACTIVE_STATUSES = ["queued", "running"] as const;
export const TERMINAL_STATUSES = ["done", "failed", "cancelled"] as const;
export type TVerificationStatus = (typeof ACTIVE_STATUSES)[number] | (typeof TERMINAL_STATUSES)[number];
