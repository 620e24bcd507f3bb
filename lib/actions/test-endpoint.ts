"use server";
import { z } from "zod";
import { defineAction } from "./action";
import { testEndpoint } from "../endpoints/test-endpoint";

export const testEndpointAction = defineAction({
  name: "testEndpoint",
  role: "operator",
  input: z.object({ id: z.string().min(1) }),
  run: ({ input, user }) => testEndpoint({ actor: user, id: input.id }),
});
