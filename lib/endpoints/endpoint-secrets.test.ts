import { testDbFile } from "../../test/use-test-db";
import { createCipheriv, randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../db";
import { dialect } from "../db-dialect";
import { keyIdOfSecret } from "../crypto/secrets";
import { rotateSecretKey } from "../rotate-secret-key";
import { secretKeyring } from "../secret-key";
import { ZEndpointInput } from "./endpoint-input";
import { registerEndpoint } from "./register-endpoint";
import { resealEndpointSecrets } from "./reseal-endpoint-secrets";
import { resolveEndpoint } from "./resolve-endpoint";

const actor = { id: "u-secrets", email: "sec@example.com", name: "Sec", role: "operator" };
const keyFile = path.join(path.dirname(testDbFile), "secret.key");
const register = (name: string, password: string) =>
  registerEndpoint({ actor, input: ZEndpointInput.parse({ kind: "self-managed", name, host: "127.0.0.1", port: 6379, password }) });

beforeAll(async () => {
  await db.user.create({ data: { ...actor, passwordHash: "x" } });
});

describe("endpoint secrets", () => {
  it("a password copied into another endpoint's row does not open there", async () => {
    const a = await register("sec-a", "password-of-a");
    const b = await register("sec-b", "password-of-b");
    const rowA = await db.endpoint.findUniqueOrThrow({ where: { id: a.id } });
    await db.endpoint.update({ where: { id: b.id }, data: { passwordEnc: rowA.passwordEnc } });
    await expect(resolveEndpoint(b.id)).rejects.toThrow(/belongs to another row or field/);
    expect((await resolveEndpoint(a.id)).redis.password).toBe("password-of-a");
  });

  // The generated key file is the SQLite default's; PostgreSQL requires FERRY_SECRET_KEY (lib/env.ts).
  const generatedKey = it.skipIf(dialect().name === "postgresql");

  generatedKey("the generated key file is created whole with mode 0600", () => {
    secretKeyring();
    expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(fs.readdirSync(path.dirname(keyFile)).filter((n) => n.endsWith(".tmp"))).toEqual([]);
  });

  it("values stored before per-row binding are re-encrypted, bound to their row", async () => {
    const row = await db.endpoint.create({ data: { name: "sec-legacy", kind: "self-managed", host: "127.0.0.1", port: 6379 } });
    const iv = randomBytes(12);
    const cipher = createCipheriv("aes-256-gcm", secretKeyring().current, iv);
    cipher.setAAD(Buffer.from("v1"));
    const ct = Buffer.concat([cipher.update("legacy-password"), cipher.final()]);
    const legacy = ["v1", iv.toString("base64"), cipher.getAuthTag().toString("base64"), ct.toString("base64")].join(":");
    await db.endpoint.update({ where: { id: row.id }, data: { passwordEnc: legacy } });
    await expect(resolveEndpoint(row.id)).rejects.toThrow(/predates per-row encryption/);
    const r = await resealEndpointSecrets();
    expect(r).toMatchObject({ resealed: 1, unreadable: [] });
    expect((await resolveEndpoint(row.id)).redis.password).toBe("legacy-password");
  });

  generatedKey("npm run rotate-key: a new key file, every secret re-encrypted under it and still readable, the old key gone", async () => {
    await register("sec-c", "password-of-c");
    const before = fs.readFileSync(keyFile, "utf8");
    const oldIds = new Set((await db.endpoint.findMany()).map((e) => e.passwordEnc && keyIdOfSecret(e.passwordEnc)).filter(Boolean));
    // sec-b still holds the value copied from sec-a: no key opens it, so the old key is kept.
    const first = await rotateSecretKey();
    expect(first).toMatchObject({ mode: "generated-file", finished: false, resealed: 3, unreadable: ["sec-b (password)"] });
    expect(fs.existsSync(`${keyFile}.previous`)).toBe(true);
    // The operator clears (or re-enters) it and runs the command again: the same rotation finishes.
    await db.endpoint.update({ where: { name: "sec-b" }, data: { passwordEnc: null } });
    const r = await rotateSecretKey();
    expect(r).toMatchObject({ mode: "generated-file", finished: true, keyId: first.keyId, resealed: 0, current: 3, unreadable: [] });
    expect(fs.readFileSync(keyFile, "utf8")).not.toBe(before);
    expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(fs.existsSync(`${keyFile}.previous`)).toBe(false);
    const rows = await db.endpoint.findMany({ where: { name: { in: ["sec-a", "sec-c", "sec-legacy"] } } });
    for (const row of rows) expect(keyIdOfSecret(row.passwordEnc!)).toBe(r.keyId);
    expect(oldIds.has(r.keyId)).toBe(false);
    const byName = Object.fromEntries(await Promise.all(rows.map(async (row) => [row.name, (await resolveEndpoint(row.id)).redis.password])));
    expect(byName).toEqual({ "sec-a": "password-of-a", "sec-c": "password-of-c", "sec-legacy": "legacy-password" });
  });
});
