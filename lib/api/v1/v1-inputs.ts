import { z } from "zod";
import { MAX_FREE_TEXT, MAX_ID, MAX_NAME, ZId } from "../../input-bounds";
import { STRATEGY_IDS } from "../../migrations/strategies";
import { ZVerifyMode } from "../../verify/jobs/verification-options";

// Inputs shared by the server actions and the /api/v1 routes, so both validate the same way.

export const ZCreateMigrationInput = z.object({
  name: z.string().trim().min(1, "Give the migration a name.").max(MAX_NAME),
  strategy: z.enum(STRATEGY_IDS as [string, ...string[]], "Pick a strategy.").transform((s) => s as (typeof STRATEGY_IDS)[number]),
  sourceId: z.string().min(1, "Pick a source.").max(MAX_ID),
  targetId: z.string().min(1, "Pick a target.").max(MAX_ID),
});

/** The target's name typed back, as the cutover and abort buttons ask for it. */
export const ZConfirmName = z.object({ confirmName: z.string().trim().min(1, "Type the target's name to confirm.").max(MAX_NAME) });

export const ZOverrideReason = z.object({
  reason: z.string().trim().min(10, "Say why, in at least 10 characters: it goes into the report.").max(MAX_FREE_TEXT),
});

export const ZBaselineInput = z.object({
  endpointId: ZId,
  label: z.enum(["before", "after", "adhoc"]).default("adhoc"),
});

export const ZVerifyInput = z.object({
  mode: ZVerifyMode.default("full"),
  rounds: z.coerce.number().int().min(1).max(10).default(3),
  reverse: z.boolean().default(true),
});
