"use server";
import { z } from "zod";
import { defineAction } from "./action";
import { ZId } from "../input-bounds";
import { setUserDisabled } from "../users/set-user-disabled";

export const setUserDisabledAction = defineAction({
  name: "setUserDisabled",
  role: "admin",
  input: z.object({ userId: ZId, disabled: z.boolean() }),
  run: ({ input, user }) => setUserDisabled({ actor: user, ...input }),
});
