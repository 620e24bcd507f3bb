import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { parseSecretKey } from "./crypto/secrets";
import { parseEnv } from "./env";

describe("parseEnv", () => {
  it("accepts an empty environment with sensible defaults", () => {
    const e = parseEnv({});
    expect(e.DATABASE_URL).toBeUndefined();
    expect(e.FERRY_SESSION_HOURS).toBe(12);
  });

  it("rejects a malformed DATABASE_URL with one line naming it", () => {
    expect(() => parseEnv({ DATABASE_URL: "mysql://root@db/ferry" })).toThrow(/^Invalid setting DATABASE_URL: must be a SQLite file URL/);
    expect(() => parseEnv({ DATABASE_URL: "file:" })).toThrow(/DATABASE_URL/);
  });

  it("accepts a file: DATABASE_URL and a PostgreSQL one", () => {
    expect(parseEnv({ DATABASE_URL: "file:./data/x.db" }).DATABASE_URL).toBe("file:./data/x.db");
    const key = "a".repeat(64);
    expect(parseEnv({ DATABASE_URL: "postgresql://ferry:pw@db.internal:5432/ferry", FERRY_SECRET_KEY: key }).DATABASE_URL).toBe("postgresql://ferry:pw@db.internal:5432/ferry");
    expect(parseEnv({ DATABASE_URL: "postgres://ferry@db/ferry", FERRY_SECRET_KEY: key }).DATABASE_URL).toBe("postgres://ferry@db/ferry");
    expect(() => parseEnv({ DATABASE_URL: "postgresql://", FERRY_SECRET_KEY: key })).toThrow(/DATABASE_URL/);
    // Replicas must share the key: no generated key file on PostgreSQL.
    expect(() => parseEnv({ DATABASE_URL: "postgresql://ferry@db/ferry" })).toThrow(/^Invalid setting FERRY_SECRET_KEY: must be set with a PostgreSQL/);
  });

  it("requires the first admin's email and password together", () => {
    expect(() => parseEnv({ FERRY_ADMIN_EMAIL: "a@example.com" })).toThrow(/FERRY_ADMIN_PASSWORD.*together/);
    expect(() => parseEnv({ FERRY_ADMIN_EMAIL: "not-an-email", FERRY_ADMIN_PASSWORD: "x".repeat(12) })).toThrow(/FERRY_ADMIN_EMAIL: must be an email/);
    expect(() => parseEnv({ FERRY_ADMIN_EMAIL: "a@example.com", FERRY_ADMIN_PASSWORD: "short" })).toThrow(/at least 12/);
  });

  it("runs every background loop unless FERRY_WORKER_LOOPS names some, and refuses a name it does not know", () => {
    expect(parseEnv({}).FERRY_WORKER_LOOPS).toEqual(["runner", "sampler", "verification", "replication", "webhooks"]);
    expect(parseEnv({ FERRY_WORKER_LOOPS: "sampler" }).FERRY_WORKER_LOOPS).toEqual(["sampler"]);
    expect(parseEnv({ FERRY_WORKER_LOOPS: " runner, verification ,runner" }).FERRY_WORKER_LOOPS).toEqual(["runner", "verification"]);
    expect(() => parseEnv({ FERRY_WORKER_LOOPS: "sampler,monitor" })).toThrow(/^Invalid setting FERRY_WORKER_LOOPS: must name loops among runner, sampler, verification, replication, webhooks/);
    expect(() => parseEnv({ FERRY_WORKER_LOOPS: "sampler," })).toThrow(/FERRY_WORKER_LOOPS/);
    // Empty means unset, as for every setting.
    expect(parseEnv({ FERRY_WORKER_LOOPS: "" }).FERRY_WORKER_LOOPS).toHaveLength(5);
  });

  it("rejects a secret key of the wrong size", () => {
    expect(() => parseEnv({ FERRY_SECRET_KEY: "abcd" })).toThrow(/FERRY_SECRET_KEY: must be 32 bytes/);
    expect(parseEnv({ FERRY_SECRET_KEY: "a".repeat(64) }).FERRY_SECRET_KEY).toHaveLength(64);
  });

  it("accepts exactly the secret keys Ferry can use (no server that starts and then fails every secret)", () => {
    const raw = randomBytes(32);
    const b64 = raw.toString("base64");
    const candidates = [
      b64, b64.replace(/=$/, ""), raw.toString("base64url"), raw.toString("hex"), raw.toString("hex").toUpperCase(),
      `${b64}=`, `${b64.replace(/=$/, "")}==`, `${b64.slice(0, 20)}.${b64.slice(20)}`, `${b64.slice(0, 20)} ${b64.slice(20)}`,
      randomBytes(33).toString("base64"), randomBytes(31).toString("base64"), `${raw.toString("hex")}00`, "x".repeat(44),
    ];
    for (const v of candidates) {
      const usable = (() => { try { return !!parseSecretKey(v); } catch { return false; } })();
      const starts = (() => { try { return !!parseEnv({ FERRY_SECRET_KEY: v }); } catch { return false; } })();
      expect(starts, v).toBe(usable);
    }
    expect(() => parseEnv({ FERRY_SECRET_KEY: `${b64}=` })).toThrow(/FERRY_SECRET_KEY: must be 32 bytes/);
    expect(() => parseEnv({ FERRY_PREVIOUS_SECRET_KEY: "abcd" })).toThrow(/FERRY_PREVIOUS_SECRET_KEY: must be 32 bytes/);
  });

  it("rejects a bad AWS region and endpoint", () => {
    expect(() => parseEnv({ AWS_REGION: "mars" })).toThrow(/AWS_REGION/);
    expect(() => parseEnv({ AWS_ENDPOINT_URL: "nope" })).toThrow(/AWS_ENDPOINT_URL/);
  });

  it("takes trusted proxies only as addresses or CIDR ranges, and bounds the idle session time", () => {
    expect(parseEnv({ FERRY_TRUSTED_PROXIES: "10.0.0.5, 10.1.0.0/16, fd00::/8" }).FERRY_TRUSTED_PROXIES).toBeDefined();
    expect(() => parseEnv({ FERRY_TRUSTED_PROXIES: "proxy.internal" })).toThrow(/FERRY_TRUSTED_PROXIES/);
    expect(parseEnv({}).FERRY_SESSION_IDLE_MINUTES).toBe(60);
    expect(() => parseEnv({ FERRY_SESSION_IDLE_MINUTES: "0" })).toThrow(/FERRY_SESSION_IDLE_MINUTES/);
    expect(parseEnv({}).FERRY_ALLOW_HTTP_AWS_ENDPOINTS).toBe("0");
  });
});
