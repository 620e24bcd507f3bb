"use server";
import { z } from "zod";
import { defineAction } from "./action";
import { MAX_ID, MAX_NAME } from "../input-bounds";
import { createMigration } from "../migrations/create-migration";
import { STRATEGY_IDS } from "../migrations/strategies";

const ZCreateMigrationInput = z.object({
  name: z.string().trim().min(1, "Give the migration a name.").max(MAX_NAME),
  strategy: z.enum(STRATEGY_IDS as [string, ...string[]], "Pick a strategy.").transform((s) => s as (typeof STRATEGY_IDS)[number]),
  sourceId: z.string().min(1, "Pick a source.").max(MAX_ID),
  targetId: z.string().min(1, "Pick a target.").max(MAX_ID),
});

export const createMigrationAction = defineAction({
  name: "createMigration",
  role: "operator",
  input: ZCreateMigrationInput,
  run: ({ input, user }) => createMigration({ actor: user, ...input }),
});
