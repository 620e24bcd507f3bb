"use server";
import { z } from "zod";
import { defineAction } from "./action";
import { captureEndpointBaseline } from "../baselines/capture-endpoint-baseline";

export const captureBaselineAction = defineAction({
  name: "captureBaseline",
  role: "operator",
  input: z.object({
    endpointId: z.string().min(1),
    label: z.enum(["before", "after", "adhoc"]).default("adhoc"),
    migrationId: z.string().min(1).optional(),
  }),
  run: async ({ input, user }) => {
    const { id, baseline } = await captureEndpointBaseline({ actor: user, ...input });
    return { id, totalKeys: baseline.totalKeys };
  },
});
