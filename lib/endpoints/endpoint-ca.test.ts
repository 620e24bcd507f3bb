import "../../test/use-test-db";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startManagedTarget, type ManagedTarget } from "../../lab/managed-target";
import type { RedisProcess } from "../../lab/redis-process";
import { db } from "../db";
import { seedUser } from "../users/test-helpers/seed-user";
import { MAX_CA_PEM } from "./ca-pem";
import { ZEndpointEdit, ZEndpointInput } from "./endpoint-input";
import { listEndpoints } from "./list-endpoints";
import { registerEndpoint } from "./register-endpoint";
import { testEndpoint } from "./test-endpoint";
import { testEndpointInput } from "./test-endpoint-input";
import { updateEndpoint } from "./update-endpoint";

// A TLS-only redis-server whose certificate a throwaway private CA signs, as the lab's managed target.
const actor = { id: "u1", email: "op@example.com", name: "Op", role: "operator" };
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ferry-endpoint-ca-"));
let target: ManagedTarget;
let proc: RedisProcess;

beforeAll(async () => {
  await seedUser({ id: actor.id, email: actor.email, role: "operator" });
  ({ target, process: proc } = await startManagedTarget(dir, { name: "private-ca" }));
}, 30_000);
afterAll(async () => {
  await proc?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

const fields = (over: Record<string, unknown> = {}) => ({ kind: "self-managed", name: "managed", host: target.host, port: target.port, tls: "on", username: target.username, password: target.password, ...over });
const caError = (over: Record<string, unknown>) => ZEndpointInput.safeParse(fields(over)).error?.issues.find((i) => i.path[0] === "tlsCa")?.message;
const pemBody = () => target.caPem.split("\n")[2];

describe("the CA certificate field", () => {
  it("accepts a PEM CA (also pasted with CRLF line ends) and refuses what is not one, saying why", () => {
    expect(caError({ tlsCa: target.caPem })).toBeUndefined();
    expect(caError({ tlsCa: target.caPem.replace(/\n/g, "\r\n") })).toBeUndefined();
    expect(caError({ tlsCa: "not a certificate" })).toContain("Not a PEM certificate");
    expect(caError({ tlsCa: target.caPem.replace(pemBody(), pemBody().slice(0, 20)) })).toContain("not valid PEM");
    expect(caError({ tlsCa: `${target.caPem}\n-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----` })).toContain("private key");
    expect(caError({ tlsCa: `junk before\n${target.caPem}` })).toContain("outside");
    expect(caError({ tlsCa: target.caPem.repeat(Math.ceil(MAX_CA_PEM / target.caPem.length) + 1) })).toContain(`At most ${MAX_CA_PEM}`);
  });

  it("stores the CA, shows only its subject and expiry, keeps it when left blank and removes it when asked", async () => {
    const view = await registerEndpoint({ actor, input: ZEndpointInput.parse(fields({ tlsCa: target.caPem })) });
    expect(view.tlsCa).toMatchObject({ subject: "CN=Ferry lab managed CA", expired: false, certificates: 1 });
    expect(Date.parse(view.tlsCa!.validTo!)).toBeGreaterThan(Date.now());
    const listed = await listEndpoints();
    expect(JSON.stringify(listed)).not.toContain(pemBody());
    expect(listed[0].tlsCa?.subject).toBe("CN=Ferry lab managed CA");

    const edit = (over: Record<string, unknown>) => ZEndpointEdit.parse({ id: view.id, ...fields(over) });
    const stored = async () => (await db.endpoint.findUniqueOrThrow({ where: { id: view.id } })).tlsCa;
    expect(await stored()).toBe(target.caPem.trim());
    await updateEndpoint({ actor, input: edit({ name: "managed-kept" }) });
    expect(await stored()).toBe(target.caPem.trim());
    const removed = await updateEndpoint({ actor, input: edit({ removeTlsCa: "on" }) });
    expect(removed.tlsCa).toBeNull();
    expect(await stored()).toBeNull();
    const events = await db.event.findMany({ where: { type: "endpoint.updated" }, orderBy: { at: "asc" } });
    expect(events.at(-1)?.message).toMatch(/removed the CA certificate$/);
    await db.endpoint.delete({ where: { id: view.id } });
  });
});

describe("Test connection against a server signed by a private CA", () => {
  it("succeeds with the CA and fails naming certificate verification without it", async () => {
    const ok = await testEndpointInput({ input: ZEndpointInput.parse(fields({ tlsCa: target.caPem })) });
    expect(ok).toMatchObject({ ok: true, engine: "redis" });
    const without = await testEndpointInput({ input: ZEndpointInput.parse(fields()) });
    expect(without).toMatchObject({ ok: false, code: "REDIS_TLS", message: expect.stringMatching(/TLS certificate .* not signed by a trusted CA/) });
    expect(without).toMatchObject({ message: expect.stringContaining("CA certificate (PEM)") });
  });

  it("uses the stored CA when the field is left blank, and not once the edit removes it", async () => {
    const view = await registerEndpoint({ actor, input: ZEndpointInput.parse(fields({ name: "saved", tlsCa: target.caPem })) });
    expect(await testEndpoint({ actor, id: view.id })).toMatchObject({ ok: true });
    expect(await testEndpointInput({ input: ZEndpointInput.parse(fields({ name: "saved" })), id: view.id })).toMatchObject({ ok: true });
    const removing = await testEndpointInput({ input: ZEndpointInput.parse(fields({ name: "saved" })), id: view.id, removeTlsCa: true });
    expect(removing).toMatchObject({ ok: false, code: "REDIS_TLS" });
  });
});
