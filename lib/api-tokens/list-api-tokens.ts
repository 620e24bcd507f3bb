import "server-only";
import { db } from "../db";

/** Tokens for the settings page: never the hash, only the prefix that tells them apart. */
export async function listApiTokens() {
  return db.apiToken.findMany({
    orderBy: { createdAt: "desc" },
    select: { id: true, name: true, role: true, prefix: true, createdAt: true, expiresAt: true, lastUsedAt: true, revokedAt: true },
  });
}
