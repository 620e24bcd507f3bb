import "server-only";
import { db } from "../db";
import type { TSessionUser } from "../auth/sessions";
import { TOKEN_PREFIX, hashApiToken } from "./token-hash";

/** How often lastUsedAt is written: a busy CI job must not turn every call into a write. */
export const TOKEN_TOUCH_MS = 60_000;
const MAX_TOKEN_CHARS = 100;

/**
 * The caller behind `Authorization: Bearer fry_...`: acts as the admin who created the token (so
 * the audit log names a person) with the token's own role. Null when absent, unknown, revoked,
 * expired, or its creator is disabled or gone.
 */
export async function resolveBearerToken(request: Request): Promise<TSessionUser | null> {
  const header = request.headers.get("authorization");
  const token = header?.match(/^Bearer\s+(\S+)$/i)?.[1];
  if (!token || !token.startsWith(TOKEN_PREFIX) || token.length > MAX_TOKEN_CHARS) return null;
  const row = await db.apiToken.findUnique({ where: { tokenHash: hashApiToken(token) } });
  if (!row || row.revokedAt || row.expiresAt.getTime() <= Date.now() || !row.createdById) return null;
  const creator = await db.user.findUnique({ where: { id: row.createdById }, select: { id: true, email: true, disabledAt: true } });
  if (!creator || creator.disabledAt) return null;
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > TOKEN_TOUCH_MS) {
    await db.apiToken.update({ where: { id: row.id }, data: { lastUsedAt: new Date() } }).catch(() => {});
  }
  return { id: creator.id, email: `${creator.email} (token ${row.name})`, name: row.name, role: row.role };
}
