/**
 * The one rule for FERRY_SECRET_KEY, shared by the start-up check (lib/env.ts) and the code that
 * uses the key, so a key that starts the server is a key that works: 32 bytes as 64 hex
 * characters, or as base64 (standard or url-safe, with its single "=" pad or without).
 * Returns null for anything else.
 */
export function decodeSecretKey(text: string): Buffer | null {
  const s = text.trim();
  let key: Buffer | null = null;
  if (/^[0-9a-fA-F]{64}$/.test(s)) key = Buffer.from(s, "hex");
  else if (/^[A-Za-z0-9+/_-]{43}=?$/.test(s)) key = Buffer.from(s.replace(/-/g, "+").replace(/_/g, "/"), "base64");
  return key && key.length === 32 ? key : null;
}
