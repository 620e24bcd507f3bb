"use server";
import { z } from "zod";
import { defineAction } from "./action";
import { ZConfirmName } from "../api/v1/v1-inputs";
import { ZId } from "../input-bounds";
import { abortMigration } from "../flows/intents/abort-migration";

export const abortMigrationAction = defineAction({
  name: "abortMigration",
  role: "operator",
  input: z.object({ migrationId: ZId }).extend(ZConfirmName.shape),
  run: ({ input, user }) => abortMigration({ actor: user, ...input }),
});
