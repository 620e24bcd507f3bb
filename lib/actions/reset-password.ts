"use server";
import { z } from "zod";
import { defineAction } from "./action";
import { ZId, ZNewPassword } from "../input-bounds";
import { resetPassword } from "../users/reset-password";

export const resetPasswordAction = defineAction({
  name: "resetPassword",
  role: "admin",
  input: z.object({ userId: ZId, password: ZNewPassword }),
  run: ({ input, user }) => resetPassword({ actor: user, ...input }),
});
