import "server-only";
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { AppError } from "../errors";

/**
 * Secrets at rest (Redis passwords, role external ids): AES-256-GCM with a random 12-byte IV.
 * Format `v1:<iv>:<tag>:<ciphertext>` (base64 parts) so a future key rotation or algorithm can
 * add `v2` and still read old rows.
 */
const VERSION = "v1";
const IV_BYTES = 12;
const TAG_BYTES = 16;

export type SecretKey = Buffer & { readonly __secretKey: unique symbol };

export function encryptSecret(plain: string, key: SecretKey): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  // The version is authenticated too, so a blob cannot be relabelled.
  cipher.setAAD(Buffer.from(VERSION));
  const ct = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [VERSION, iv.toString("base64"), tag.toString("base64"), ct.toString("base64")].join(":");
}

/** Throws AppError INVALID_INPUT on a malformed blob, a wrong key or any tampering. */
export function decryptSecret(blob: string, key: SecretKey): string {
  const parts = typeof blob === "string" ? blob.split(":") : [];
  if (parts.length !== 4 || parts[0] !== VERSION) {
    throw new AppError("INVALID_INPUT", "The stored secret is not in a format this version of Ferry can read.");
  }
  const iv = Buffer.from(parts[1], "base64");
  const tag = Buffer.from(parts[2], "base64");
  const ct = Buffer.from(parts[3], "base64");
  if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) {
    throw new AppError("INVALID_INPUT", "The stored secret is damaged (bad IV or tag length).");
  }
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, iv);
    decipher.setAAD(Buffer.from(VERSION));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(ct), decipher.final()]).toString("utf8");
  } catch {
    throw new AppError(
      "INVALID_INPUT",
      "The stored secret cannot be decrypted: it was altered, or FERRY_SECRET_KEY is not the key it was encrypted with.",
    );
  }
}

/** Accepts 32 bytes as base64 (44 chars, or url-safe) or hex (64 chars). */
export function parseSecretKey(text: string): SecretKey {
  const s = (text ?? "").trim();
  let key: Buffer | null = null;
  if (/^[0-9a-fA-F]{64}$/.test(s)) key = Buffer.from(s, "hex");
  else if (/^[A-Za-z0-9+/_-]{43}=?$/.test(s)) key = Buffer.from(s.replace(/-/g, "+").replace(/_/g, "/"), "base64");
  if (!key || key.length !== 32) {
    throw new AppError(
      "INVALID_INPUT",
      "FERRY_SECRET_KEY must be 32 bytes as base64 or 64 hex characters (generate one with `openssl rand -base64 32`).",
    );
  }
  return key as SecretKey;
}

export function generateSecretKey(): string {
  return randomBytes(32).toString("base64");
}
