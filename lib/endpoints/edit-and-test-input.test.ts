import "../../test/use-test-db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startRedis, type RedisProcess } from "../../lab/redis-process";
import { db } from "../db";
import { seedUser } from "../users/test-helpers/seed-user";
import { ZEndpointEdit, ZEndpointInput } from "./endpoint-input";
import { registerEndpoint } from "./register-endpoint";
import { resolveEndpoint } from "./resolve-endpoint";
import { updateEndpoint } from "./update-endpoint";
import { testEndpointInput } from "./test-endpoint-input";
import { listEndpoints } from "./list-endpoints";

const actor = { id: "u1", email: "op@example.com", name: "Op", role: "operator" };
const SECRET = "edit-test-password";
let redis: RedisProcess;

beforeAll(async () => {
  await seedUser({ id: actor.id, email: actor.email, role: "operator" });
  redis = await startRedis({ args: ["--requirepass", SECRET] });
});
afterAll(() => redis.stop());

const input = (over: Record<string, unknown>) => ZEndpointInput.parse({ kind: "self-managed", name: "src", host: "127.0.0.1", port: redis.port, ...over });

describe("editing and testing endpoints", () => {
  it("refuses a URL or a host:port in the host field and says why", () => {
    for (const [host, says] of [["redis://user:pw@10.0.0.1:6379", "not a redis:// URL"], ["https://cache.example.com", "not a https:// URL"], ["10.0.0.1:6379", "Port field"]]) {
      const r = ZEndpointInput.safeParse({ kind: "self-managed", name: "x", host, port: 6379 });
      expect(r.error?.issues.find((i) => i.path[0] === "host")?.message).toContain(says);
    }
    expect(ZEndpointInput.safeParse({ kind: "self-managed", name: "x", host: "::1", port: 6379 }).success).toBe(true);
  });

  it("tests unsaved input with the password typed, and reports a wrong one without storing anything", async () => {
    const ok = await testEndpointInput({ input: input({ name: "unsaved", password: SECRET }) });
    expect(ok).toMatchObject({ ok: true, engine: "redis", role: "primary" });
    const wrong = await testEndpointInput({ input: input({ name: "unsaved", password: "nope" }) });
    expect(wrong).toMatchObject({ ok: false, code: "REDIS_AUTH_FAILED" });
    expect(JSON.stringify(wrong)).not.toContain("nope");
    expect(await db.endpoint.count()).toBe(0);
  });

  it("edits an endpoint keeping its password unless replaced, names a taken name, and audits the change", async () => {
    const view = await registerEndpoint({ actor, input: input({ name: "edit-me", port: 1, password: SECRET }) });
    await registerEndpoint({ actor, input: input({ name: "taken" }) });
    const edit = (over: Record<string, unknown>) => ZEndpointEdit.parse({ id: view.id, kind: "self-managed", name: "edit-me", host: "127.0.0.1", port: redis.port, ...over });

    await expect(updateEndpoint({ actor, input: edit({ name: "taken" }) })).rejects.toMatchObject({ code: "CONFLICT", detail: { field: "name" } });
    // Editing with the password left blank: the stored one is used by the form's test and kept.
    expect(await testEndpointInput({ input: edit({}), id: view.id })).toMatchObject({ ok: true });
    const saved = await updateEndpoint({ actor, input: edit({ name: "edited" }) });
    expect(saved).toMatchObject({ name: "edited", port: redis.port, hasPassword: true });
    expect((await resolveEndpoint(view.id)).redis.password).toBe(SECRET);
    await updateEndpoint({ actor, input: edit({ name: "edited", password: "replaced-pw" }) });
    expect((await resolveEndpoint(view.id)).redis.password).toBe("replaced-pw");

    const events = await db.event.findMany({ where: { type: "endpoint.updated" }, orderBy: { at: "asc" } });
    expect(events.map((e) => e.message)).toEqual([
      expect.stringMatching(/edited endpoint edit-me \(now edited\): 127\.0\.0\.1:1 → 127\.0\.0\.1:\d+$/),
      expect.stringMatching(/replaced password$/),
    ]);
    expect(JSON.stringify(events)).not.toContain("replaced-pw");
  });

  it("an endpoint used by a completed migration says so instead of 'never tested'", async () => {
    const [a, b] = await db.endpoint.findMany({ where: { name: { in: ["edited", "taken"] } } });
    await db.migration.create({ data: { name: "done-one", strategy: "replicaof", sourceId: a.id, targetId: b.id, state: "completed", completedAt: new Date("2026-11-30T10:00:00Z") } });
    const listed = await listEndpoints();
    const running = await db.migration.create({ data: { name: "live-one", strategy: "replicaof", sourceId: a.id, targetId: b.id, state: "in-sync" } });
    await expect(updateEndpoint({ actor, input: ZEndpointEdit.parse({ id: b.id, kind: "self-managed", name: "taken", host: "10.0.0.9", port: 6379 }) }))
      .rejects.toMatchObject({ code: "CONFLICT", message: expect.stringContaining('"live-one" is in-sync') });
    await db.migration.delete({ where: { id: running.id } });
    expect(listed.find((e) => e.name === "taken")?.lastUsed).toEqual({ migration: "done-one", at: "2026-11-30T10:00:00.000Z" });
  });
});
