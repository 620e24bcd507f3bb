"use server";
import { z } from "zod";
import { defineAction } from "./action";
import { ZId } from "../input-bounds";
import { captureEndpointBaseline } from "../baselines/capture-endpoint-baseline";

export const captureBaselineAction = defineAction({
  name: "captureBaseline",
  role: "operator",
  input: z.object({
    endpointId: ZId,
    label: z.enum(["before", "after", "adhoc"]).default("adhoc"),
    migrationId: ZId.optional(),
  }),
  run: async ({ input, user }) => {
    const { id, baseline } = await captureEndpointBaseline({ actor: user, ...input });
    return { id, totalKeys: baseline.totalKeys };
  },
});
