"use server";
import { z } from "zod";
import { defineAction } from "./action";
import { ZId } from "../input-bounds";
import { changeRole } from "../users/change-role";
import { ROLES } from "../auth/roles";

const ZChangeRoleInput = z.object({ userId: ZId, role: z.enum(ROLES) });

export const changeRoleAction = defineAction({
  name: "changeRole",
  role: "admin",
  input: ZChangeRoleInput,
  run: ({ input, user }) => changeRole({ actor: user, ...input }),
});
