"use server";
import { z } from "zod";
import { defineAction } from "./action";
import { ZOverrideReason } from "../api/v1/v1-inputs";
import { ZId } from "../input-bounds";
import { overridePreflight } from "../migrations/override-preflight";

export const overridePreflightAction = defineAction({
  name: "overridePreflight",
  role: "operator",
  input: z.object({ migrationId: ZId }).extend(ZOverrideReason.shape),
  run: async ({ input, user }) => {
    await overridePreflight({ actor: user, ...input });
    return { overridden: true };
  },
});
