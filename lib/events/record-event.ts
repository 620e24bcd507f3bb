import "server-only";
import { db } from "../db";
import { redactRedisError } from "../redis/redact-redis-error";
import { enqueueWebhooks } from "../webhooks/enqueue-webhooks";

export type TEventInput = {
  type: string;
  message: string;
  level?: "info" | "warn" | "error";
  actor?: { id: string; email: string } | null;
  /** For events that concern an email that may not be a user (e.g. failed logins). */
  actorEmail?: string;
  migrationId?: string;
  ip?: string;
  /** Plain detail; never put secrets here, it is shown in the audit log. */
  data?: Record<string, unknown>;
};

/** Writes one audit/timeline row and returns its id (shown to operators as a reference). */
export async function recordEvent(input: TEventInput): Promise<string> {
  const row = await db.event.create({
    data: {
      type: input.type,
      message: input.message,
      level: input.level ?? "info",
      actorId: input.actor?.id,
      actorEmail: input.actor?.email ?? input.actorEmail,
      migrationId: input.migrationId,
      ip: input.ip,
      // A Redis error put into the detail by mistake must not carry the password into the audit log.
      data: input.data ? JSON.stringify(redactRedisError(input.data)) : undefined,
    },
    select: { id: true },
  });
  // A notification must never make the event it reports fail.
  await enqueueWebhooks({ id: row.id, type: input.type, message: input.message, migrationId: input.migrationId, data: input.data }).catch(() => 0);
  return row.id;
}
