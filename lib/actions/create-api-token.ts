"use server";
import { defineAction } from "./action";
import { ZApiTokenInput } from "../api-tokens/api-token-input";
import { createApiToken } from "../api-tokens/create-api-token";

export const createApiTokenAction = defineAction({
  name: "createApiToken",
  role: "admin",
  input: ZApiTokenInput,
  run: ({ input, user }) => createApiToken({ actor: user, ...input }),
});
