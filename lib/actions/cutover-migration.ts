"use server";
import { z } from "zod";
import { defineAction } from "./action";
import { ZConfirmName } from "../api/v1/v1-inputs";
import { ZId } from "../input-bounds";
import { cutoverMigration } from "../flows/intents/cutover-migration";

export const cutoverMigrationAction = defineAction({
  name: "cutoverMigration",
  role: "operator",
  input: z.object({ migrationId: ZId }).extend(ZConfirmName.shape),
  run: ({ input, user }) => cutoverMigration({ actor: user, ...input }),
});
