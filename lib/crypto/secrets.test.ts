import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { decryptSecret, encryptSecret, generateSecretKey, parseSecretKey } from "./secrets";

const key = parseSecretKey(generateSecretKey());

describe("secrets at rest", () => {
  it("round-trips, including unicode and empty strings, with a fresh IV each time", () => {
    for (const plain of ["hunter2", "", "pässwörd 🔑 with:colons"]) {
      const a = encryptSecret(plain, key);
      const b = encryptSecret(plain, key);
      expect(a).toMatch(/^v1:[^:]+:[^:]+:[^:]*$/);
      expect(a).not.toBe(b);
      expect(a).not.toContain(plain || "\u0000");
      expect(decryptSecret(a, key)).toBe(plain);
    }
  });

  it("detects tampering with ciphertext, tag, IV or version", () => {
    const blob = encryptSecret("s3cret-password", key);
    const [v, iv, tag, ct] = blob.split(":");
    const flip = (b64: string) => {
      const buf = Buffer.from(b64, "base64");
      buf[0] ^= 1;
      return buf.toString("base64");
    };
    for (const bad of [
      [v, iv, tag, flip(ct)],
      [v, iv, flip(tag), ct],
      [v, flip(iv), tag, ct],
      ["v2", iv, tag, ct],
      [v, iv, tag],
    ]) {
      expect(() => decryptSecret(bad.join(":"), key)).toThrow(/altered|format|damaged/);
    }
  });

  it("refuses a wrong key with an operator-readable message", () => {
    const blob = encryptSecret("s3cret", key);
    const other = parseSecretKey(randomBytes(32).toString("hex"));
    expect(() => decryptSecret(blob, other)).toThrow(/FERRY_SECRET_KEY/);
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
