import "../../test/use-test-db";
import Redis from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startRedisCluster, type RedisCluster } from "../../lab/redis-cluster";
import { startRedis, type RedisProcess } from "../../lab/redis-process";
import type { TSessionUser } from "../auth/sessions";
import { db } from "../db";
import { registerEndpoint } from "../endpoints/register-endpoint";
import { seedSelfManaged } from "../flows/test-helpers/fixtures";
import { seedUser } from "../users/test-helpers/seed-user";
import { applyNotificationsFix } from "./apply-notifications-fix";
import { createMigration } from "./create-migration";
import { runMigrationPreflight } from "./run-migration-preflight";

// The consented fix on a self-managed Redis Cluster source: notifications are node-local, so every
// primary and every replica (a failover promotes one) must get them. Ferry's user is an ACL user,
// so one node can really refuse CONFIG SET the way a locked-down production node would.
let cluster: RedisCluster;
let target: RedisProcess;
let actor: TSessionUser;
let migrationId: string;
const admins: Redis[] = [];
const admin = (port: number) => {
  const c = new Redis({ host: "127.0.0.1", port, maxRetriesPerRequest: 1 });
  admins.push(c);
  return c;
};
const flagsOf = async (port: number) => ((await admin(port).config("GET", "notify-keyspace-events")) as string[])[1];
const hasAllKeyEvents = (flags: string) => /K/.test(flags) && /E/.test(flags) && /A/.test(flags);
const fixEvents = () => db.event.findMany({ where: { migrationId, type: "source.notifications_fix" }, orderBy: { at: "asc" } });

beforeAll(async () => {
  [cluster, target] = await Promise.all([startRedisCluster({ shards: 3, replicasPerShard: 1, name: "nf-src" }), startRedis({ name: "nf-target" })]);
  for (const n of cluster.nodes) await admin(n.port).call("ACL", "SETUSER", "ferry", "on", ">ferry-pw", "~*", "&*", "+@all");
  actor = await seedUser();
  const sourceId = (await registerEndpoint({ actor, input: { kind: "self-managed", name: "nf-cluster", host: "127.0.0.1", port: cluster.seed.port, tls: false, dbCount: 16, username: "ferry", password: "ferry-pw", tlsCa: undefined } })).id;
  const targetId = await seedSelfManaged(actor, "nf-target", target.port);
  migrationId = (await createMigration({ actor, name: "nf", strategy: "replicate", sourceId, targetId })).id;
}, 120_000);
afterAll(async () => {
  for (const c of admins) c.disconnect();
  await Promise.all([cluster?.stop(), target?.stop()]);
});

describe("notifications fix on a cluster source", () => {
  it("a node that refuses CONFIG SET is named, the run stops there and the event says what was changed", async () => {
    const refusing = cluster.shards[1].replicas[0].port;
    await admin(refusing).call("ACL", "SETUSER", "ferry", "-config|set");
    const pf = await runMigrationPreflight({ actor, migrationId });
    expect(pf.checks.find((c) => c.id === "source.keyspace-notifications.every-primary")).toMatchObject({ status: "fail", autoFix: "keyspace-notifications" });

    await expect(applyNotificationsFix({ actor, migrationId })).rejects.toThrow(`127.0.0.1:${refusing} (shard 2 replica) refused CONFIG SET notify-keyspace-events`);
    // Primaries first, then replicas in shard order: shard 1's replica was changed, shard 3's never reached.
    for (const s of cluster.shards) expect(hasAllKeyEvents(await flagsOf(s.primary.port)), `primary ${s.primary.port}`).toBe(true);
    expect(hasAllKeyEvents(await flagsOf(cluster.shards[0].replicas[0].port))).toBe(true);
    expect(await flagsOf(refusing)).toBe("");
    expect(await flagsOf(cluster.shards[2].replicas[0].port)).toBe("");
    const [ev] = await fixEvents();
    expect(ev.message).toContain(`refused CONFIG SET notify-keyspace-events`);
    expect(ev.message).toContain(`not reached: 127.0.0.1:${cluster.shards[2].replicas[0].port}`);
    expect(JSON.parse(ev.data ?? "{}")).toMatchObject({ refused: { node: `127.0.0.1:${refusing}`, role: "replica", shard: 2 } });
  });

  it("once allowed, the fix reaches every node; every node has K, E and A and the pre-flight passes", async () => {
    await admin(cluster.shards[1].replicas[0].port).call("ACL", "SETUSER", "ferry", "+config|set");
    const out = await applyNotificationsFix({ actor, migrationId });
    expect(out.message).toMatch(/^CONFIG SET notify-keyspace-events on all 6 nodes of the source cluster/);
    for (const n of cluster.nodes) expect(hasAllKeyEvents(await flagsOf(n.port)), `node ${n.port}`).toBe(true);

    const ev = (await fixEvents()).at(-1)!;
    const nodes = (JSON.parse(ev.data ?? "{}") as { nodes: { node: string; changed: boolean }[] }).nodes;
    const changed = nodes.filter((n) => n.changed).map((n) => n.node);
    expect(changed.sort()).toEqual([cluster.shards[1].replicas[0].port, cluster.shards[2].replicas[0].port].map((p) => `127.0.0.1:${p}`).sort());
    expect(nodes).toHaveLength(6);

    const pf = await runMigrationPreflight({ actor, migrationId });
    for (const id of ["source.keyspace-notifications", "source.keyspace-notifications.every-primary"]) {
      expect(pf.checks.find((c) => c.id === id), id).toMatchObject({ status: "pass" });
    }
  });
});
