"use server";
import { z } from "zod";
import { defineAction } from "./action";
import { ZId } from "../input-bounds";
import { startVerification } from "../verify/jobs/start-verification";
import { ZVerifyInput } from "../api/v1/v1-inputs";

export const startVerificationAction = defineAction({
  name: "startVerification",
  role: "operator",
  input: z.object({ migrationId: ZId }).extend(ZVerifyInput.shape),
  run: async ({ input, user }) => {
    const run = await startVerification({ actor: user, migrationId: input.migrationId, mode: input.mode, options: { rounds: input.rounds, reverse: input.reverse } });
    return { id: run.id };
  },
});
