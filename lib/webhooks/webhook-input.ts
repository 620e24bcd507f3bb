import { z } from "zod";

export const WEBHOOK_KINDS = ["gate_open", "step_failed", "cutover_done", "verification_verdict", "post_cutover_anomaly"] as const;
export type TWebhookKind = (typeof WEBHOOK_KINDS)[number];

/** https only, so payloads and signatures are not readable on the way; http only when allowed (tests, lab). */
export function webhookUrlProblem(url: string, allowHttp: boolean): string | undefined {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return "must be a URL.";
  }
  if (u.username || u.password) return "must not carry credentials.";
  if (u.protocol === "https:") return undefined;
  if (u.protocol === "http:" && allowHttp) return undefined;
  return allowHttp ? "must be http:// or https://." : "must be https:// (http is allowed only with FERRY_ALLOW_HTTP_WEBHOOKS=1).";
}

export const ZWebhookInput = z.object({
  url: z.string().trim().min(1).max(2048),
  format: z.enum(["json", "slack"], { error: "format must be json or slack." }).default("json"),
  events: z.array(z.enum(WEBHOOK_KINDS)).min(1).max(WEBHOOK_KINDS.length).default([...WEBHOOK_KINDS]),
});
export type TWebhookInput = z.infer<typeof ZWebhookInput>;
