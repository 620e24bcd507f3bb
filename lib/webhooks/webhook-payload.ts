/** The body sent: Ferry's own JSON, or Slack's incoming-webhook shape (`text`). */
export function webhookPayload(format: string, e: { kind: string; eventId: string; message: string; migrationId?: string; at?: string }): string {
  const at = e.at ?? new Date().toISOString();
  if (format === "slack") return JSON.stringify({ text: `Ferry · ${e.kind.replace(/_/g, " ")}: ${e.message}${e.migrationId ? ` (migration ${e.migrationId})` : ""}` });
  return JSON.stringify({ kind: e.kind, eventId: e.eventId, migrationId: e.migrationId ?? null, message: e.message, at });
}
