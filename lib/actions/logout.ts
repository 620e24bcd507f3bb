"use server";
import { z } from "zod";
import { defineAction } from "./action";
import { revokeSession } from "../auth/sessions";
import { recordEvent } from "../events/record-event";
import { clearSessionCookie, readSessionCookie } from "./session-cookie";

export const logoutAction = defineAction({
  name: "logout",
  role: "viewer",
  input: z.unknown(),
  run: async ({ user, ip }) => {
    const token = await readSessionCookie();
    if (token) await revokeSession(token);
    await clearSessionCookie();
    await recordEvent({ type: "auth.logout", actor: user, ip, message: `${user.email} signed out` });
    return { signedOut: true };
  },
});
