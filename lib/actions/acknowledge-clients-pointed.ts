"use server";
import { z } from "zod";
import { defineAction } from "./action";
import { acknowledgeClientsPointed } from "../serverless/acknowledge-clients";

export const acknowledgeClientsPointedAction = defineAction({
  name: "acknowledgeClientsPointed",
  role: "operator",
  input: z.object({ migrationId: z.string().min(1).max(64), endpoint: z.string().trim().min(1).max(300) }),
  run: async ({ input, user }) => {
    await acknowledgeClientsPointed({ actor: user, ...input });
    return { acknowledged: true };
  },
});
