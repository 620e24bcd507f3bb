"use server";
import { z } from "zod";
import { defineAction } from "./action";
import { ZEmailInput, ZPasswordInput } from "../input-bounds";
import { login } from "../auth/login";
import { setSessionCookie } from "./session-cookie";

const ZLoginInput = z.object({
  email: ZEmailInput,
  password: ZPasswordInput,
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
