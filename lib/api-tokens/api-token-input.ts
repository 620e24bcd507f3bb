import { z } from "zod";
import { MAX_NAME } from "../input-bounds";

export const API_TOKEN_ROLES = ["viewer", "operator"] as const;
export const MAX_TOKEN_DAYS = 365;

export const ZApiTokenInput = z.object({
  name: z.string().trim().min(1, "Name the token.").max(MAX_NAME),
  role: z.enum(API_TOKEN_ROLES, { error: "role must be viewer or operator." }),
  expiresInDays: z.coerce.number().int().min(1).max(MAX_TOKEN_DAYS).default(90),
});
export type TApiTokenInput = z.infer<typeof ZApiTokenInput>;
