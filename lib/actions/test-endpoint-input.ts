"use server";
import { z } from "zod";
import { defineAction } from "./action";
import { ZEndpointInput, ZRemoveTlsCa } from "../endpoints/endpoint-input";
import { ZId } from "../input-bounds";
import { testEndpointInput } from "../endpoints/test-endpoint-input";

const ZTestInput = ZEndpointInput.and(ZRemoveTlsCa).and(z.object({ id: ZId.optional().or(z.literal("").transform(() => undefined)) }));

export const testEndpointInputAction = defineAction({
  name: "testEndpointInput",
  role: "operator",
  input: ZTestInput,
  run: ({ input }) => testEndpointInput({ input, id: input.id, removeTlsCa: input.removeTlsCa }),
});
