"use server";
import { z } from "zod";
import { defineAction } from "./action";
import { retryMigration } from "../flows/intents/retry-migration";

export const retryMigrationAction = defineAction({
  name: "retryMigration",
  role: "operator",
  input: z.object({ migrationId: z.string().min(1) }),
  run: ({ input, user }) => retryMigration({ actor: user, ...input }),
});
