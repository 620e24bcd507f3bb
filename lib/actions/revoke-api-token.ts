"use server";
import { z } from "zod";
import { defineAction } from "./action";
import { ZId } from "../input-bounds";
import { revokeApiToken } from "../api-tokens/revoke-api-token";

export const revokeApiTokenAction = defineAction({
  name: "revokeApiToken",
  role: "admin",
  input: z.object({ tokenId: ZId }),
  run: ({ input, user }) => revokeApiToken({ actor: user, tokenId: input.tokenId }),
});
