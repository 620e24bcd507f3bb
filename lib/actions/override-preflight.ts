"use server";
import { z } from "zod";
import { defineAction } from "./action";
import { MAX_FREE_TEXT, ZId } from "../input-bounds";
import { overridePreflight } from "../migrations/override-preflight";

export const overridePreflightAction = defineAction({
  name: "overridePreflight",
  role: "operator",
  input: z.object({
    migrationId: ZId,
    reason: z.string().trim().min(10, "Say why, in at least 10 characters: it goes into the report.").max(MAX_FREE_TEXT),
  }),
  run: async ({ input, user }) => {
    await overridePreflight({ actor: user, ...input });
    return { overridden: true };
  },
});
