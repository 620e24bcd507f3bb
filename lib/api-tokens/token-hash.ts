import crypto from "node:crypto";

/** Every token starts with this, so a leaked one is recognisable to secret scanners and to people. */
export const TOKEN_PREFIX = "fry_";

/**
 * A plain sha-256, not a password hash: the token is 32 random bytes (256 bits), so there is nothing
 * to brute-force and no need for a slow, salted hash; a fast lookup by hash keeps every API call cheap.
 */
export function hashApiToken(token: string): string {
  return crypto.createHash("sha256").update(token).digest("hex");
}

export function newApiToken(): string {
  return TOKEN_PREFIX + crypto.randomBytes(32).toString("base64url");
}
