"use server";
import { z } from "zod";
import { defineAction } from "./action";
import { ZId } from "../input-bounds";
import { retryMigration } from "../flows/intents/retry-migration";

export const retryMigrationAction = defineAction({
  name: "retryMigration",
  role: "operator",
  input: z.object({ migrationId: ZId }),
  run: ({ input, user }) => retryMigration({ actor: user, ...input }),
});
