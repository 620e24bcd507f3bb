import type { TWebhookKind } from "./webhook-input";

/** Which recorded events are worth a notification. One place, so the list is easy to review. */
export function webhookKindOfEvent(e: { type: string; data?: Record<string, unknown> }): TWebhookKind | null {
  if (e.type === "step.failed") return "step_failed";
  if (e.type === "gate.opened") return "gate_open";
  if (e.type === "migration.state" && e.data?.to === "completed") return "cutover_done";
  if (e.type === "verification.finished" || e.type === "verification.failed") return "verification_verdict";
  // Recorded only by the post-cutover watch (lib/monitor/post-cutover-watch.ts); a replication error
  // before cutover is not one, and the reverse replication failing after it is anomaly.reverse_replication.
  if (e.type.startsWith("anomaly.")) return "post_cutover_anomaly";
  return null;
}
