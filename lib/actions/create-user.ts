"use server";
import { z } from "zod";
import { defineAction } from "./action";
import { createUser } from "../users/create-user";
import { ROLES } from "../auth/roles";

const ZCreateUserInput = z.object({
  email: z.email("Enter a valid email."),
  name: z.string().trim().min(1, "Enter a name.").max(100),
  role: z.enum(ROLES, "Pick a role."),
  password: z.string().min(12, "At least 12 characters."),
});

export const createUserAction = defineAction({
  name: "createUser",
  role: "admin",
  input: ZCreateUserInput,
  run: ({ input, user }) => createUser({ actor: user, ...input }),
});
