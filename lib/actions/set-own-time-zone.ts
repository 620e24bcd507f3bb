"use server";
import { z } from "zod";
import { defineAction } from "./action";
import { ZTimeZone } from "../time/time-zone";
import { setOwnTimeZone } from "../users/set-own-time-zone";

const ZSetOwnTimeZoneInput = z.object({ timeZone: ZTimeZone });

export const setOwnTimeZoneAction = defineAction({
  name: "setOwnTimeZone",
  role: "viewer",
  input: ZSetOwnTimeZoneInput,
  run: async ({ input, user }) => setOwnTimeZone({ actor: user, timeZone: input.timeZone }),
});
