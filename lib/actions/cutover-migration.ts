"use server";
import { z } from "zod";
import { defineAction } from "./action";
import { cutoverMigration } from "../flows/intents/cutover-migration";

export const cutoverMigrationAction = defineAction({
  name: "cutoverMigration",
  role: "operator",
  input: z.object({ migrationId: z.string().min(1), confirmName: z.string().trim().min(1, "Type the target's name to confirm.") }),
  run: ({ input, user }) => cutoverMigration({ actor: user, ...input }),
});
