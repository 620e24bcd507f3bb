"use server";
import { z } from "zod";
import { defineAction } from "./action";
import { ZId } from "../input-bounds";
import { ZSnapshotOptions } from "../snapshot/snapshot-options";
import { saveSnapshotOptions } from "../snapshot/save-snapshot-options";

export const saveSnapshotOptionsAction = defineAction({
  name: "saveSnapshotOptions",
  role: "operator",
  input: z.object({ migrationId: ZId, options: ZSnapshotOptions }),
  run: async ({ input, user }) => {
    await saveSnapshotOptions({ actor: user, migrationId: input.migrationId, options: input.options });
    return { saved: true };
  },
});
