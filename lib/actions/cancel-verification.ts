"use server";
import { z } from "zod";
import { defineAction } from "./action";
import { cancelVerification } from "../verify/jobs/cancel-verification";

export const cancelVerificationAction = defineAction({
  name: "cancelVerification",
  role: "operator",
  input: z.object({ migrationId: z.string().min(1) }),
  run: async ({ input, user }) => cancelVerification({ actor: user, migrationId: input.migrationId }),
});
