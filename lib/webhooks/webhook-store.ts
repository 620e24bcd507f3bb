import "server-only";
import crypto from "node:crypto";
import { db } from "../db";
import { env } from "../env";
import { AppError } from "../errors";
import { recordEvent } from "../events/record-event";
import { decryptSecret, encryptSecret } from "../crypto/secrets";
import { secretKeyring } from "../secret-key";
import type { TSessionUser } from "../auth/sessions";
import { webhookUrlProblem, type TWebhookInput } from "./webhook-input";

/** Registers a webhook and returns its signing secret: the only time it is shown. */
export async function createWebhook(opts: { actor: TSessionUser; input: TWebhookInput }) {
  const problem = webhookUrlProblem(opts.input.url, env().FERRY_ALLOW_HTTP_WEBHOOKS === "1");
  if (problem) throw new AppError("INVALID_INPUT", `url ${problem}`);
  const secret = "whsec_" + crypto.randomBytes(24).toString("base64url");
  const id = crypto.randomUUID();
  const row = await db.webhook.create({
    data: { id, url: opts.input.url, format: opts.input.format, events: JSON.stringify(opts.input.events), secretEnc: encryptSecret(secret, secretKeyring().current, { column: "Webhook.secretEnc", rowId: id }) },
    select: { id: true, url: true, format: true },
  });
  await recordEvent({ type: "webhook.created", actor: opts.actor, message: `${opts.actor.email} added a webhook to ${new URL(row.url).host}`, data: { webhookId: id } });
  return { ...row, events: opts.input.events, secret };
}

export async function deleteWebhook(opts: { actor: TSessionUser; id: string }): Promise<{ deleted: true }> {
  const { count } = await db.webhook.deleteMany({ where: { id: opts.id } });
  if (!count) throw new AppError("NOT_FOUND", "No webhook with that id.");
  await recordEvent({ type: "webhook.deleted", actor: opts.actor, message: `${opts.actor.email} deleted a webhook`, data: { webhookId: opts.id } });
  return { deleted: true };
}

/** Webhooks with their latest deliveries (never the secret). */
export async function listWebhooks() {
  const rows = await db.webhook.findMany({
    orderBy: { createdAt: "desc" },
    select: { id: true, url: true, format: true, events: true, createdAt: true, deliveries: { orderBy: { createdAt: "desc" }, take: 20, select: { id: true, kind: true, status: true, attempts: true, lastStatus: true, lastError: true, createdAt: true, deliveredAt: true } } },
  });
  return rows.map((r) => ({ ...r, events: JSON.parse(r.events) as string[] }));
}

export function webhookSecret(row: { id: string; secretEnc: string }): string {
  return decryptSecret(row.secretEnc, secretKeyring().all, { column: "Webhook.secretEnc", rowId: row.id });
}
