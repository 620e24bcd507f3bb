import "server-only";
import { db } from "../db";
import type { TIdempotencyStore } from "./route-handler";

/** How long a first answer is replayed: long enough for a CI job's retries, short enough to forget. */
export const IDEMPOTENCY_TTL_MS = 24 * 3600_000;

export const idempotencyStore: TIdempotencyStore = {
  async find(scope, key) {
    const row = await db.idempotentResponse.findUnique({ where: { scope_key: { scope, key } } });
    if (!row || row.expiresAt.getTime() <= Date.now()) return null;
    return { status: row.status, body: row.body };
  },
  async save(scope, key, answer) {
    await db.idempotentResponse.deleteMany({ where: { expiresAt: { lte: new Date() } } });
    const expiresAt = new Date(Date.now() + IDEMPOTENCY_TTL_MS);
    await db.idempotentResponse.upsert({ where: { scope_key: { scope, key } }, create: { scope, key, ...answer, expiresAt }, update: {} });
  },
};
