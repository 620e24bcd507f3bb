import "server-only";
import { db } from "../db";
import { webhookKindOfEvent } from "./webhook-kind-of-event";
import { webhookPayload } from "./webhook-payload";

/** Queues one delivery per webhook that wants this kind of event; delivery happens in deliver-webhooks.ts. */
export async function enqueueWebhooks(e: { id: string; type: string; message: string; migrationId?: string; data?: Record<string, unknown> }): Promise<number> {
  const kind = webhookKindOfEvent(e);
  if (!kind) return 0;
  const hooks = await db.webhook.findMany({ where: { disabledAt: null }, select: { id: true, format: true, events: true } });
  const wanted = hooks.filter((h) => (JSON.parse(h.events) as string[]).includes(kind));
  for (const h of wanted) {
    const payload = webhookPayload(h.format, { kind, eventId: e.id, message: e.message, migrationId: e.migrationId });
    await db.webhookDelivery.create({ data: { webhookId: h.id, kind, migrationId: e.migrationId, payload } });
  }
  return wanted.length;
}
