"use server";
import { z } from "zod";
import { defineAction } from "./action";
import { ZNewPassword, ZPasswordInput } from "../input-bounds";
import { changeOwnPassword } from "../users/change-own-password";
import { readSessionCookie } from "./session-cookie";

const ZChangeOwnPasswordInput = z
  .object({ currentPassword: ZPasswordInput, newPassword: ZNewPassword, confirmPassword: ZPasswordInput })
  .refine((v) => v.newPassword === v.confirmPassword, { path: ["confirmPassword"], message: "The two new passwords differ." });

export const changeOwnPasswordAction = defineAction({
  name: "changeOwnPassword",
  role: "viewer",
  input: ZChangeOwnPasswordInput,
  run: async ({ input, user, ip }) =>
    changeOwnPassword({ actor: user, currentPassword: input.currentPassword, newPassword: input.newPassword, keepSessionToken: await readSessionCookie(), ip }),
});
