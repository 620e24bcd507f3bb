"use server";
import { z } from "zod";
import { defineAction } from "./action";
import { startMigration } from "../flows/intents/start-migration";

export const startMigrationAction = defineAction({
  name: "startMigration",
  role: "operator",
  input: z.object({ migrationId: z.string().min(1) }),
  run: ({ input, user }) => startMigration({ actor: user, ...input }),
});
