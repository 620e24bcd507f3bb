"use server";
import { z } from "zod";
import { defineAction } from "./action";
import { ZId } from "../input-bounds";
import { runCleanup } from "../snapshot/run-cleanup";

export const runSnapshotCleanupAction = defineAction({
  name: "runSnapshotCleanup",
  role: "operator",
  input: z.object({
    migrationId: ZId,
    resourceIds: z.array(ZId).min(1, "Pick at least one resource.").max(500),
    confirm: z.literal(true, "Cleanup deletes resources: confirm it."),
  }),
  run: async ({ input, user }) => ({ outcomes: await runCleanup({ ...input, actor: user }) }),
});
