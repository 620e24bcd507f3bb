"use server";
import { z } from "zod";
import { defineAction } from "./action";
import { abortMigration } from "../flows/intents/abort-migration";

export const abortMigrationAction = defineAction({
  name: "abortMigration",
  role: "operator",
  input: z.object({ migrationId: z.string().min(1), confirmName: z.string().trim().min(1, "Type the target's name to confirm.") }),
  run: ({ input, user }) => abortMigration({ actor: user, ...input }),
});
