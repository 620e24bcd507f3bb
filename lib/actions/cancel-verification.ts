"use server";
import { z } from "zod";
import { defineAction } from "./action";
import { ZId } from "../input-bounds";
import { cancelVerification } from "../verify/jobs/cancel-verification";

export const cancelVerificationAction = defineAction({
  name: "cancelVerification",
  role: "operator",
  input: z.object({ migrationId: ZId }),
  run: async ({ input, user }) => cancelVerification({ actor: user, migrationId: input.migrationId }),
});
