import "../../test/use-test-db";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { db } from "../db";
import { seedUser } from "../users/test-helpers/seed-user";
import { createRouteHandler } from "../api/route-handler";
import { idempotencyStore } from "../api/idempotency-store";
import { AppError } from "../errors";
import { createApiToken } from "./create-api-token";
import { revokeApiToken } from "./revoke-api-token";
import { resolveBearerToken } from "./resolve-bearer-token";
import { hashApiToken } from "./token-hash";

const route = createRouteHandler({ resolvers: [resolveBearerToken], reportUnexpected: async () => "evt", idempotency: idempotencyStore });
const call = (handler: ReturnType<typeof route>, token: string | null, init: RequestInit = {}, id = "m1") =>
  handler(new Request(`http://127.0.0.1/api/v1/x/${id}`, { ...init, headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), ...(init.headers ?? {}) } }), { params: Promise.resolve({ id }) });

describe("API tokens", () => {
  it("a token works as Bearer with its own role, is stored only hashed, and stops at once when revoked", async () => {
    const admin = await seedUser({ role: "admin" });
    const op = await createApiToken({ actor: admin, name: "ci", role: "operator", expiresInDays: 30 });
    const viewer = await createApiToken({ actor: admin, name: "dash", role: "viewer", expiresInDays: 30 });
    const who = route({ name: "who", role: "operator", params: z.object({ id: z.string() }), query: z.object({}), run: async ({ user }) => ({ role: user.role, email: user.email }) });

    const ok = await call(who, op.token);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ role: "operator", email: `${admin.email} (token ci)` });
    expect((await call(who, viewer.token)).status).toBe(403);
    expect((await call(who, null)).status).toBe(401);
    expect((await call(who, op.token + "x")).status).toBe(401);

    const row = await db.apiToken.findUniqueOrThrow({ where: { id: op.id } });
    expect(row.tokenHash).toBe(hashApiToken(op.token));
    expect(JSON.stringify(row)).not.toContain(op.token.slice(4));
    expect(row.lastUsedAt).not.toBeNull();

    await revokeApiToken({ actor: admin, tokenId: op.id });
    expect((await call(who, op.token)).status).toBe(401);
  });

  it("an expired token, or one whose creator is disabled, is refused", async () => {
    const admin = await seedUser({ role: "admin" });
    const t = await createApiToken({ actor: admin, name: "old", role: "operator", expiresInDays: 1 });
    const who = route({ name: "who", role: "viewer", params: z.object({ id: z.string() }), query: z.object({}), run: async () => ({ ok: true }) });
    expect((await call(who, t.token)).status).toBe(200);
    await db.apiToken.update({ where: { id: t.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await call(who, t.token)).status).toBe(401);
    const t2 = await createApiToken({ actor: admin, name: "fresh", role: "operator", expiresInDays: 1 });
    await db.user.update({ where: { id: admin.id }, data: { disabledAt: new Date() } });
    expect((await call(who, t2.token)).status).toBe(401);
  });

  it("Idempotency-Key: a retry gets the first answer (success or refusal) without running the write again", async () => {
    const admin = await seedUser({ role: "admin" });
    const { token } = await createApiToken({ actor: admin, name: "idem", role: "operator", expiresInDays: 1 });
    let runs = 0;
    const start = route({
      name: "start", role: "operator", idempotent: true, params: z.object({ id: z.string() }), query: z.object({}), body: z.object({ n: z.number().default(0) }),
      run: async () => {
        runs++;
        if (runs === 3) throw new AppError("ILLEGAL_TRANSITION", "already running");
        return { run: runs };
      },
    });
    const post = (key: string, id = "m1") => call(start, token, { method: "POST", body: "{}", headers: { "Idempotency-Key": key } }, id);
    const a = await post("k1");
    const b = await post("k1");
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(await b.json()).toEqual(await a.json());
    expect(b.headers.get("idempotent-replayed")).toBe("true");
    expect(await (await post("k2")).json()).toEqual({ run: 2 });
    const refused = await post("k3");
    expect(refused.status).toBe(409);
    expect((await post("k3")).status).toBe(409);
    expect((await post("k1", "m2")).status).toBe(200); // another migration, same key: a new request
    expect(runs).toBe(4);
    expect((await call(start, token, { method: "POST", body: "{", headers: { "Idempotency-Key": "k9" } })).status).toBe(400);
  });
});
