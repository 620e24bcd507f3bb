import "../../test/use-test-db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startRedis, type RedisProcess } from "../../lab/redis-process";
import { db } from "../db";
import { seedUser } from "../users/test-helpers/seed-user";
import { ZEndpointInput } from "./endpoint-input";
import { registerEndpoint } from "./register-endpoint";
import { resolveEndpoint } from "./resolve-endpoint";
import { testEndpoint } from "./test-endpoint";
import { listEndpoints } from "./list-endpoints";

const actor = { id: "u1", email: "op@example.com", name: "Op", role: "operator" };
const SECRET = "s3cret-redis-password";
let redis: RedisProcess;

beforeAll(async () => {
  await seedUser({ id: actor.id, email: actor.email, role: "operator" });
  redis = await startRedis({ args: ["--requirepass", SECRET] });
});
afterAll(() => redis.stop());

const input = (over: Record<string, unknown>) =>
  ZEndpointInput.parse({ kind: "self-managed", name: "src", host: "127.0.0.1", port: 6379, ...over });

describe("endpoints", () => {
  it("stores the password encrypted and never puts it in a view", async () => {
    const view = await registerEndpoint({ actor, input: input({ name: "auth-src", port: redis.port, password: SECRET }) });
    const row = await db.endpoint.findUniqueOrThrow({ where: { id: view.id } });
    expect(row.passwordEnc).toBeTruthy();
    expect(row.passwordEnc).not.toContain(SECRET);
    expect(JSON.stringify(view)).not.toContain(SECRET);
    expect(JSON.stringify(await listEndpoints())).not.toContain(SECRET);
    expect(view.hasPassword).toBe(true);
    expect((await resolveEndpoint(view.id)).redis.password).toBe(SECRET);
  });

  it("tests the connection with the stored secret and records the outcome", async () => {
    const [ok] = await listEndpoints();
    const check = await testEndpoint({ actor, id: ok.id });
    expect(check).toMatchObject({ ok: true, engine: "redis", role: "primary" });
    const wrong = await registerEndpoint({ actor, input: input({ name: "wrong-pass", port: redis.port, password: "nope" }) });
    expect(await testEndpoint({ actor, id: wrong.id })).toMatchObject({ ok: false, code: "REDIS_AUTH_FAILED" });
    const stored = (await listEndpoints()).find((e) => e.name === "wrong-pass")!;
    expect(stored.lastCheck).toMatchObject({ ok: false, code: "REDIS_AUTH_FAILED" });
    expect(await db.event.count({ where: { type: "endpoint.tested" } })).toBe(2);
  });

  it("refuses a duplicate name and explains bad input", async () => {
    await expect(registerEndpoint({ actor, input: input({ name: "auth-src", port: 1 }) })).rejects.toMatchObject({ code: "CONFLICT" });
    const bad = ZEndpointInput.safeParse({ kind: "self-managed", name: "x", host: "", port: 70000 });
    expect(bad.success).toBe(false);
    const e = ZEndpointInput.safeParse({ kind: "elasticache", name: "ec", region: "mars", replicationGroupId: "g", credentialKind: "assume-role" });
    expect(e.error?.issues.map((i) => i.path[0])).toEqual(expect.arrayContaining(["region", "roleArn"]));
  });
});
