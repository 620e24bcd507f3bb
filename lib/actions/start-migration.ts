"use server";
import { z } from "zod";
import { defineAction } from "./action";
import { ZId } from "../input-bounds";
import { startMigration } from "../flows/intents/start-migration";

export const startMigrationAction = defineAction({
  name: "startMigration",
  role: "operator",
  input: z.object({ migrationId: ZId }),
  run: ({ input, user }) => startMigration({ actor: user, ...input }),
});
