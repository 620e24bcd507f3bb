"use server";
import { z } from "zod";
import { defineAction } from "./action";
import { applyNotificationsFix } from "../migrations/apply-notifications-fix";

/** The operator's explicit consent to change the source's notification setting (pre-flight "Apply the fix"). */
export const applyNotificationsFixAction = defineAction({
  name: "applyNotificationsFix",
  role: "operator",
  input: z.object({ migrationId: z.string().min(1).max(100), consent: z.literal(true) }),
  run: async ({ input, user }) => applyNotificationsFix({ actor: user, migrationId: input.migrationId }),
});
