"use server";
import { defineAction } from "./action";
import { ZBaselineInput } from "../api/v1/v1-inputs";
import { ZId } from "../input-bounds";
import { captureEndpointBaseline } from "../baselines/capture-endpoint-baseline";

export const captureBaselineAction = defineAction({
  name: "captureBaseline",
  role: "operator",
  input: ZBaselineInput.extend({ migrationId: ZId.optional() }),
  run: async ({ input, user }) => {
    const { id, baseline } = await captureEndpointBaseline({ actor: user, ...input });
    return { id, totalKeys: baseline.totalKeys };
  },
});
