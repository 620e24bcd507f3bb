"use server";
import { z } from "zod";
import { defineAction } from "./action";
import { ZServerlessOptionFields } from "../serverless/serverless-options";
import { saveServerlessOptions } from "../serverless/save-serverless-options";

export const saveServerlessOptionsAction = defineAction({
  name: "saveServerlessOptions",
  role: "operator",
  input: z.object({
    migrationId: z.string().min(1).max(64),
    options: ZServerlessOptionFields.omit({ clearTargetCacheData: true }),
    confirmClearCacheName: z.string().trim().max(64).optional(),
  }),
  run: async ({ input, user }) => {
    await saveServerlessOptions({ actor: user, ...input });
    return { saved: true };
  },
});
