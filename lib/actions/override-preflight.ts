"use server";
import { z } from "zod";
import { defineAction } from "./action";
import { overridePreflight } from "../migrations/override-preflight";

export const overridePreflightAction = defineAction({
  name: "overridePreflight",
  role: "operator",
  input: z.object({
    migrationId: z.string().min(1),
    reason: z.string().trim().min(10, "Say why, in at least 10 characters: it goes into the report.").max(2000),
  }),
  run: async ({ input, user }) => {
    await overridePreflight({ actor: user, ...input });
    return { overridden: true };
  },
});
