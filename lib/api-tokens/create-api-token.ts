import "server-only";
import { db } from "../db";
import { recordEvent } from "../events/record-event";
import type { TSessionUser } from "../auth/sessions";
import type { TApiTokenInput } from "./api-token-input";
import { hashApiToken, newApiToken } from "./token-hash";

/** Creates a token and returns its secret: the only time it is ever shown. */
export async function createApiToken(opts: { actor: TSessionUser } & TApiTokenInput) {
  const token = newApiToken();
  const expiresAt = new Date(Date.now() + opts.expiresInDays * 86_400_000);
  const row = await db.apiToken.create({
    data: { name: opts.name, role: opts.role, tokenHash: hashApiToken(token), prefix: token.slice(0, 10), createdById: opts.actor.id, expiresAt },
    select: { id: true, name: true, role: true, prefix: true, expiresAt: true },
  });
  await recordEvent({ type: "api_token.created", actor: opts.actor, message: `${opts.actor.email} created API token "${opts.name}" (${opts.role})`, data: { tokenId: row.id, role: opts.role } });
  return { ...row, token };
}
