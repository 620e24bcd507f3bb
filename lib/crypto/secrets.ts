import "server-only";
import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import { AppError } from "../errors";
import { decodeSecretKey } from "./decode-secret-key";

/**
 * Secrets at rest (Redis passwords, role external ids): AES-256-GCM with a random 12-byte IV.
 * Format `v2:<key id>:<iv>:<tag>:<ciphertext>` (base64 parts). The associated data binds each
 * ciphertext to its key id, column and row, so a value copied into another row or column does
 * not decrypt. `v1` values (no key id, no binding) are read only by the re-encryption pass
 * (reseal-endpoint-secrets.ts) that upgrades them.
 */
const VERSION = "v2";
const LEGACY = "v1";
const IV_BYTES = 12;
const TAG_BYTES = 16;

export type SecretKey = Buffer & { readonly __secretKey: unique symbol };
/** Where a ciphertext lives: it decrypts there and nowhere else. */
export type TSecretField = { column: "Endpoint.passwordEnc" | "Endpoint.externalIdEnc" | "Webhook.secretEnc"; rowId: string };

/** A short public fingerprint naming the key a value was encrypted with (not enough to guess it). */
export function secretKeyId(key: SecretKey): string {
  return createHash("sha256").update("ferry-key-id").update(key).digest("hex").slice(0, 8);
}

const associatedData = (keyId: string, field: TSecretField) => Buffer.from(`ferry:${VERSION}:${keyId}:${field.column}:${field.rowId}`);

export function encryptSecret(plain: string, key: SecretKey, field: TSecretField): string {
  const keyId = secretKeyId(key);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(associatedData(keyId, field));
  const ct = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return [VERSION, keyId, iv.toString("base64"), cipher.getAuthTag().toString("base64"), ct.toString("base64")].join(":");
}

/** The key id a stored value names, or null for a legacy or malformed value. */
export function keyIdOfSecret(blob: string): string | null {
  const parts = blob.split(":");
  return parts.length === 5 && parts[0] === VERSION ? parts[1] : null;
}

export function isLegacySecret(blob: string): boolean {
  return blob.startsWith(`${LEGACY}:`);
}

/** Throws AppError INVALID_INPUT on a malformed value, a key that is not configured, or any tampering. */
export function decryptSecret(blob: string, keys: readonly SecretKey[], field: TSecretField): string {
  const parts = typeof blob === "string" ? blob.split(":") : [];
  if (parts.length !== 5 || parts[0] !== VERSION) {
    throw new AppError("INVALID_INPUT", isLegacySecret(blob)
      ? "The stored secret predates per-row encryption; restart Ferry or run `npm run rotate-key` to re-encrypt it."
      : "The stored secret is not in a format this version of Ferry can read.");
  }
  const key = keys.find((k) => secretKeyId(k) === parts[1]);
  if (!key) {
    throw new AppError("INVALID_INPUT", `The stored secret was encrypted with key ${parts[1]}, which is not configured (FERRY_SECRET_KEY or FERRY_PREVIOUS_SECRET_KEY).`);
  }
  return open(key, parts[2], parts[3], parts[4], associatedData(parts[1], field));
}

/** Only for upgrading `v1` values: they carry no key id, so each configured key is tried. */
export function decryptLegacySecret(blob: string, keys: readonly SecretKey[]): string {
  const parts = blob.split(":");
  if (parts.length !== 4 || parts[0] !== LEGACY) throw new AppError("INVALID_INPUT", "The stored secret is not in the v1 format.");
  for (const key of keys) {
    try {
      return open(key, parts[1], parts[2], parts[3], Buffer.from(LEGACY));
    } catch {
      // Another configured key may be the one.
    }
  }
  throw new AppError("INVALID_INPUT", "The stored secret cannot be decrypted with any configured key.");
}

function open(key: SecretKey, ivText: string, tagText: string, ctText: string, aad: Buffer): string {
  const iv = Buffer.from(ivText, "base64");
  const tag = Buffer.from(tagText, "base64");
  if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw new AppError("INVALID_INPUT", "The stored secret is damaged (bad IV or tag length).");
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, iv);
    decipher.setAAD(aad);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(Buffer.from(ctText, "base64")), decipher.final()]).toString("utf8");
  } catch {
    throw new AppError("INVALID_INPUT", "The stored secret cannot be decrypted: it was altered, or it belongs to another row or field.");
  }
}

/** Accepts exactly what lib/env.ts accepts (decodeSecretKey). */
export function parseSecretKey(text: string): SecretKey {
  const key = decodeSecretKey(text ?? "");
  if (!key) {
    throw new AppError("INVALID_INPUT", "FERRY_SECRET_KEY must be 32 bytes as base64 or 64 hex characters (generate one with `openssl rand -base64 32`).");
  }
  return key as SecretKey;
}

export function generateSecretKey(): string {
  return randomBytes(32).toString("base64");
}
