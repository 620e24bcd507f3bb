"use server";
import { z } from "zod";
import { defineAction } from "./action";
import { MAX_NAME, ZId } from "../input-bounds";
import { cutoverMigration } from "../flows/intents/cutover-migration";

export const cutoverMigrationAction = defineAction({
  name: "cutoverMigration",
  role: "operator",
  input: z.object({ migrationId: ZId, confirmName: z.string().trim().min(1, "Type the target's name to confirm.").max(MAX_NAME) }),
  run: ({ input, user }) => cutoverMigration({ actor: user, ...input }),
});
