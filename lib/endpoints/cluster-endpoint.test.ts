import "../../test/use-test-db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import Redis from "ioredis";
import { startRedisCluster, type RedisCluster } from "../../lab/redis-cluster";
import { db } from "../db";
import { seedUser } from "../users/test-helpers/seed-user";
import { ZEndpointInput } from "./endpoint-input";
import { registerEndpoint } from "./register-endpoint";
import { testEndpoint } from "./test-endpoint";
import { testEndpointInput } from "./test-endpoint-input";

const actor = { id: "u1", email: "op@example.com", name: "Op", role: "operator" };
const SECRET = "cluster-s3cret";
let cluster: RedisCluster;

beforeAll(async () => {
  await seedUser({ id: actor.id, email: actor.email, role: "operator" });
  cluster = await startRedisCluster({
    shards: 3, replicasPerShard: 1, name: "ep",
    args: ["--requirepass", SECRET, "--masterauth", SECRET],
    admin: (port) => new Redis({ host: "127.0.0.1", port, password: SECRET, maxRetriesPerRequest: 1 }),
  });
}, 60_000);
afterAll(() => cluster?.stop());

const input = (over: Record<string, unknown>) =>
  ZEndpointInput.parse({ kind: "self-managed", name: "cluster-src", host: "127.0.0.1", port: cluster.seed.port, password: SECRET, ...over });

describe("a Redis Cluster endpoint", () => {
  it("registered by any node (here a replica), Test connection shows shards, slot coverage, nodes and roles", async () => {
    const replica = cluster.shards[2].replicas[0];
    const view = await registerEndpoint({ actor, input: input({ port: replica.port }) });
    const check = await testEndpoint({ actor, id: view.id });
    if (!check.ok) throw new Error(check.message);
    expect(check.mode).toBe("cluster");
    expect(check.role).toBe("replica");
    expect(check.cluster?.slotsCovered).toBe(16384);
    expect(check.cluster?.gaps).toEqual([]);
    expect(check.cluster?.shards.map((s) => ({ slots: s.slots, primary: [s.primary.port, s.primary.role, s.primary.health], replicas: s.replicas.map((r) => [r.port, r.role, r.health === "failed" ? "failed" : "up"]) })))
      .toEqual(cluster.shards.map((s) => ({ slots: [s.slots], primary: [s.primary.port, "primary", "online"], replicas: s.replicas.map((r) => [r.port, "replica", "up"]) })));
    // Redis 7.0 reports a replica whose offset it has not yet heard of as "loading": either means not failed.
    const event = await db.event.findFirstOrThrow({ where: { type: "endpoint.tested" }, orderBy: { at: "desc" } });
    expect(event.message).toContain("cluster of 3 shards, 16384/16384 slots");
    expect(JSON.stringify(check)).not.toContain(SECRET);
  });

  it("names the slots nobody owns and the slots being resharded", async () => {
    const a = new Redis({ host: "127.0.0.1", port: cluster.shards[0].primary.port, password: SECRET });
    const b = new Redis({ host: "127.0.0.1", port: cluster.shards[1].primary.port, password: SECRET });
    try {
      const bId = String(await b.call("CLUSTER", "MYID"));
      await a.call("CLUSTER", "SETSLOT", 100, "MIGRATING", bId);
      await a.call("CLUSTER", "DELSLOTSRANGE", 200, 299);
      // Tested through the node that changed: gossip would spread the gap, but not at once.
      const check = await testEndpointInput({ input: input({ port: cluster.shards[0].primary.port }) });
      if (!check.ok) throw new Error(check.message);
      expect(check.cluster?.gaps).toEqual([[200, 299]]);
      expect(check.cluster?.slotsCovered).toBe(16384 - 100);
      expect(check.cluster?.moves).toEqual([expect.objectContaining({ slot: 100, state: "migrating", peerId: bId })]);
    } finally {
      a.disconnect();
      b.disconnect();
    }
  });

  it("a wrong password is one clear error, not a topology", async () => {
    const check = await testEndpointInput({ input: input({ password: "nope" }) });
    expect(check).toMatchObject({ ok: false, code: "REDIS_AUTH_FAILED" });
  });
});
