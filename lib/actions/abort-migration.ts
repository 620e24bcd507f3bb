"use server";
import { z } from "zod";
import { defineAction } from "./action";
import { MAX_NAME, ZId } from "../input-bounds";
import { abortMigration } from "../flows/intents/abort-migration";

export const abortMigrationAction = defineAction({
  name: "abortMigration",
  role: "operator",
  input: z.object({ migrationId: ZId, confirmName: z.string().trim().min(1, "Type the target's name to confirm.").max(MAX_NAME) }),
  run: ({ input, user }) => abortMigration({ actor: user, ...input }),
});
