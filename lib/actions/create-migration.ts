"use server";
import { defineAction } from "./action";
import { ZCreateMigrationInput } from "../api/v1/v1-inputs";
import { createMigration } from "../migrations/create-migration";


export const createMigrationAction = defineAction({
  name: "createMigration",
  role: "operator",
  input: ZCreateMigrationInput,
  run: ({ input, user }) => createMigration({ actor: user, ...input }),
});
