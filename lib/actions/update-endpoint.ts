"use server";
import { defineAction } from "./action";
import { ZEndpointEdit } from "../endpoints/endpoint-input";
import { updateEndpoint } from "../endpoints/update-endpoint";

export const updateEndpointAction = defineAction({
  name: "updateEndpoint",
  role: "operator",
  input: ZEndpointEdit,
  run: ({ input, user }) => updateEndpoint({ actor: user, input }),
});
