"use server";
import { z } from "zod";
import { defineAction } from "./action";
import { ZId } from "../input-bounds";
import { testEndpoint } from "../endpoints/test-endpoint";

export const testEndpointAction = defineAction({
  name: "testEndpoint",
  role: "operator",
  input: z.object({ id: ZId }),
  run: ({ input, user }) => testEndpoint({ actor: user, id: input.id }),
});
