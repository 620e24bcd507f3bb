"use server";
import { z } from "zod";
import { defineAction } from "./action";
import { MAX_EMAIL, MAX_NAME, ZNewPassword } from "../input-bounds";
import { createUser } from "../users/create-user";
import { ROLES } from "../auth/roles";

const ZCreateUserInput = z.object({
  email: z.email("Enter a valid email.").max(MAX_EMAIL),
  name: z.string().trim().min(1, "Enter a name.").max(MAX_NAME),
  role: z.enum(ROLES, "Pick a role."),
  password: ZNewPassword,
});

export const createUserAction = defineAction({
  name: "createUser",
  role: "admin",
  input: ZCreateUserInput,
  run: ({ input, user }) => createUser({ actor: user, ...input }),
});
