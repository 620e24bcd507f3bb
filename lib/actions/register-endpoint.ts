"use server";
import { defineAction } from "./action";
import { ZEndpointInput } from "../endpoints/endpoint-input";
import { registerEndpoint } from "../endpoints/register-endpoint";

export const registerEndpointAction = defineAction({
  name: "registerEndpoint",
  role: "operator",
  input: ZEndpointInput,
  run: ({ input, user }) => registerEndpoint({ actor: user, input }),
});
