import "server-only";
import { db } from "../db";
import { AppError } from "../errors";
import { recordEvent } from "../events/record-event";
import type { TSessionUser } from "../auth/sessions";

export async function revokeApiToken(opts: { actor: TSessionUser; tokenId: string }): Promise<{ id: string }> {
  const { count } = await db.apiToken.updateMany({ where: { id: opts.tokenId, revokedAt: null }, data: { revokedAt: new Date() } });
  if (count === 0) throw new AppError("NOT_FOUND", "No active token with that id.");
  await recordEvent({ type: "api_token.revoked", actor: opts.actor, message: `${opts.actor.email} revoked an API token`, data: { tokenId: opts.tokenId } });
  return { id: opts.tokenId };
}
