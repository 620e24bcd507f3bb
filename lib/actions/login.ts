"use server";
import { z } from "zod";
import { defineAction } from "./action";
import { login } from "../auth/login";
import { setSessionCookie } from "./session-cookie";

const ZLoginInput = z.object({
  email: z.string().trim().min(1, "Enter your email."),
  password: z.string().min(1, "Enter your password."),
});

export const loginAction = defineAction({
  name: "login",
  role: null,
  input: ZLoginInput,
  run: async ({ input, ip }) => {
    const { token, expiresAt, user } = await login({ ...input, ip });
    await setSessionCookie(token, expiresAt);
    return { email: user.email, role: user.role };
  },
});
