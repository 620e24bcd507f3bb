"use server";
import { z } from "zod";
import { defineAction } from "./action";
import { ZId } from "../input-bounds";
import { confirmClientsSwitched } from "../flows/replication/confirm-clients-switched";

export const confirmClientsSwitchedAction = defineAction({
  name: "confirmClientsSwitched",
  role: "operator",
  input: z.object({ migrationId: ZId }),
  run: ({ input, user }) => confirmClientsSwitched({ actor: user, ...input }),
});
