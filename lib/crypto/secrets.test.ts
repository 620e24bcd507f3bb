import { createCipheriv, randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { decryptLegacySecret, decryptSecret, encryptSecret, generateSecretKey, keyIdOfSecret, parseSecretKey, secretKeyId, type TSecretField } from "./secrets";

const key = parseSecretKey(generateSecretKey());
const rowA: TSecretField = { column: "Endpoint.passwordEnc", rowId: "row-a" };

/** A value as Ferry stored it before per-row binding. */
function legacyBlob(plain: string, k: Buffer): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", k, iv);
  cipher.setAAD(Buffer.from("v1"));
  const ct = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return ["v1", iv.toString("base64"), cipher.getAuthTag().toString("base64"), ct.toString("base64")].join(":");
}

describe("secrets at rest", () => {
  it("round-trips, including unicode and empty strings, with a fresh IV each time and the key's id", () => {
    for (const plain of ["hunter2", "", "pässwörd 🔑 with:colons"]) {
      const a = encryptSecret(plain, key, rowA);
      const b = encryptSecret(plain, key, rowA);
      expect(a).toMatch(/^v2:[0-9a-f]{8}:[^:]+:[^:]+:[^:]*$/);
      expect(keyIdOfSecret(a)).toBe(secretKeyId(key));
      expect(a).not.toBe(b);
      expect(a).not.toContain(plain || "\u0000");
      expect(decryptSecret(a, [key], rowA)).toBe(plain);
    }
  });

  it("binds a value to its row and column: copied anywhere else it does not decrypt", () => {
    const blob = encryptSecret("s3cret-password", key, rowA);
    expect(() => decryptSecret(blob, [key], { column: "Endpoint.passwordEnc", rowId: "row-b" })).toThrow(/another row or field/);
    expect(() => decryptSecret(blob, [key], { column: "Endpoint.externalIdEnc", rowId: "row-a" })).toThrow(/another row or field/);
  });

  it("detects tampering with ciphertext, tag, IV, key id or version", () => {
    const blob = encryptSecret("s3cret-password", key, rowA);
    const [v, kid, iv, tag, ct] = blob.split(":");
    const flip = (b64: string) => {
      const buf = Buffer.from(b64, "base64");
      buf[0] ^= 1;
      return buf.toString("base64");
    };
    for (const bad of [[v, kid, iv, tag, flip(ct)], [v, kid, iv, flip(tag), ct], [v, kid, flip(iv), tag, ct], ["v3", kid, iv, tag, ct], [v, kid, iv, tag]]) {
      expect(() => decryptSecret(bad.join(":"), [key], rowA)).toThrow(/altered|format|damaged/);
    }
    expect(() => decryptSecret([v, "00000000", iv, tag, ct].join(":"), [key], rowA)).toThrow(/key 00000000, which is not configured/);
  });

  it("picks the key a value names among the configured ones, and says which key is missing", () => {
    const old = parseSecretKey(randomBytes(32).toString("hex"));
    const blob = encryptSecret("s3cret", old, rowA);
    expect(decryptSecret(blob, [key, old], rowA)).toBe("s3cret");
    expect(() => decryptSecret(blob, [key], rowA)).toThrow(new RegExp(`key ${secretKeyId(old)}, which is not configured.*FERRY_SECRET_KEY`));
  });

  it("reads v1 values only through the upgrade path", () => {
    const blob = legacyBlob("old-password", key);
    expect(() => decryptSecret(blob, [key], rowA)).toThrow(/predates per-row encryption/);
    expect(decryptLegacySecret(blob, [parseSecretKey(generateSecretKey()), key])).toBe("old-password");
    expect(() => decryptLegacySecret(blob, [parseSecretKey(generateSecretKey())])).toThrow(/any configured key/);
  });

  it("parses base64, url-safe base64 and hex keys and rejects other lengths", () => {
    const raw = randomBytes(32);
    expect(parseSecretKey(raw.toString("base64")).equals(raw)).toBe(true);
    expect(parseSecretKey(raw.toString("base64url")).equals(raw)).toBe(true);
    expect(parseSecretKey(raw.toString("hex")).equals(raw)).toBe(true);
    for (const bad of ["", "short", randomBytes(16).toString("base64"), randomBytes(31).toString("hex")]) {
      expect(() => parseSecretKey(bad)).toThrow(/32 bytes/);
    }
  });
});
