"use server";
import { z } from "zod";
import { defineAction } from "./action";
import { ZId } from "../input-bounds";
import { deleteEndpoint } from "../endpoints/delete-endpoint";

export const deleteEndpointAction = defineAction({
  name: "deleteEndpoint",
  role: "operator",
  input: z.object({ id: ZId }),
  run: async ({ input, user }) => {
    await deleteEndpoint({ actor: user, id: input.id });
    return { deleted: true };
  },
});
