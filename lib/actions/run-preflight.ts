"use server";
import { z } from "zod";
import { defineAction } from "./action";
import { ZId } from "../input-bounds";
import { runMigrationPreflight } from "../migrations/run-migration-preflight";

export const runPreflightAction = defineAction({
  name: "runPreflight",
  role: "operator",
  input: z.object({ migrationId: ZId }),
  run: async ({ input, user }) => {
    const r = await runMigrationPreflight({ actor: user, migrationId: input.migrationId });
    return { id: r.id, summary: r.summary };
  },
});
