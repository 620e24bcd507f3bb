"use server";
import { z } from "zod";
import { defineAction } from "./action";
import { ZId } from "../input-bounds";
import { startVerification } from "../verify/jobs/start-verification";
import { ZVerifyMode } from "../verify/jobs/verification-options";

export const startVerificationAction = defineAction({
  name: "startVerification",
  role: "operator",
  input: z.object({
    migrationId: ZId,
    mode: ZVerifyMode.default("full"),
    rounds: z.coerce.number().int().min(1).max(10).default(3),
    reverse: z.boolean().default(true),
  }),
  run: async ({ input, user }) => {
    const run = await startVerification({ actor: user, migrationId: input.migrationId, mode: input.mode, options: { rounds: input.rounds, reverse: input.reverse } });
    return { id: run.id };
  },
});
