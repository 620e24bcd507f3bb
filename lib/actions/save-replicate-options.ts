"use server";
import { z } from "zod";
import { defineAction } from "./action";
import { ZReplicateOptions } from "../replication-store/replicate-options";
import { saveReplicateOptions } from "../flows/replication/save-replicate-options";

export const saveReplicateOptionsAction = defineAction({
  name: "saveReplicateOptions",
  role: "operator",
  input: z.object({ migrationId: z.string().min(1).max(64), options: ZReplicateOptions }),
  run: async ({ input, user }) => {
    await saveReplicateOptions({ actor: user, migrationId: input.migrationId, options: input.options });
    return { saved: true };
  },
});
