import "../../test/use-test-db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DescribeCacheClustersCommand, DescribeEventsCommand, DescribeReplicationGroupsCommand, TestFailoverCommand, type ReplicationGroup } from "@aws-sdk/client-elasticache";
import Redis from "ioredis";
import { startRedisCluster, type RedisCluster } from "../../lab/redis-cluster";
import { labClients, redisAt } from "../../lab/test-clients";
import { startWriteLoad, type WriteLoad } from "../../lab/write-load";
import { LAB_CLUSTER_NODE_TIMEOUT_MS } from "../../lab/elasticache/cluster-group-nodes";
import { pollUntil } from "../../test/test-helpers/poll-until";
import { db } from "../db";
import { applyNotificationsFix } from "../migrations/apply-notifications-fix";
import { createMigration } from "../migrations/create-migration";
import { runMigrationPreflight } from "../migrations/run-migration-preflight";
import { writeMigrationOptions } from "../migrations/migration-record";
import type { PreflightCheck } from "../preflight/types";
import { keySlot } from "../redis/cluster/key-slot";
import { TOPOLOGY_INTERVAL_MS } from "../replicate/cluster/create-cluster-replicator";
import { HEALTH_INTERVAL_MS } from "../replicate/source-health";
import { compareClusterKeyspaces } from "../verify/engine/cluster/compare-cluster-keyspaces";
import { cutoverMigration } from "./intents/cutover-migration";
import { startMigration } from "./intents/start-migration";
import { CLIENTS_SWITCHED_EVENT, confirmClientsSwitched } from "./replication/confirm-clients-switched";
import { COMPARE_EVERY_MS, REPLICATION_TICK_MS, startReplicationLoop, type TReplicationLoop } from "./replication/replication-loop";
import { eventTypes, MULTI_STATE_TEST_MS, seedElastiCache, runQueuedVerification, seedSelfManaged, STATE_WAIT_MS, stepsOf, waitForState } from "./test-helpers/fixtures";
import { setUpFlowLab } from "./test-helpers/flow-lab";

// The test: a 3-shard cluster-mode ElastiCache group (its nodes refuse CONFIG, its
// notifications come from its parameter group) -> a self-managed 2-shard cluster, by key-level
// replication through the runner, with a TestFailover of one source shard while live.
const GROUP = "ecr-src";
const f = setUpFlowLab({ lab: { groups: [{ id: GROUP, shards: 3, nodes: 2, keys: 3_000 }] }, sampler: true });
// Renewed every tick; a few ticks of slack so a busy machine never lets it lapse while its holder lives.
const LEASE_MS = 5 * REPLICATION_TICK_MS;
// Random keys are compared this often (the product's 20 s, COMPARE_EVERY_MS, would leave the gate a
// few tries a minute): under the write load a comparison may race a write and wait for the next.
const COMPARE_MS = 2 * REPLICATION_TICK_MS;
// A failover: the lab promotes after its node timeout, Ferry sees it within a topology read and
// repairs on a health tick after re-subscribing; generous multiples of each for a busy machine.
const FAILOVER_MS = 10 * LAB_CLUSTER_NODE_TIMEOUT_MS + 30 * Math.max(TOPOLOGY_INTERVAL_MS, HEALTH_INTERVAL_MS);
// About two seconds of the load below: enough to reach every shard many times over.
const WRITE_OPS_PER_SEC = 300;
const FOLLOW_UP_WRITES = 2 * WRITE_OPS_PER_SEC;

let target: RedisCluster;
let loop: TReplicationLoop | undefined;
let load: WriteLoad | undefined;

beforeAll(async () => {
  target = await startRedisCluster({ shards: 2, replicasPerShard: 0, name: "ecr-tgt" });
}, 60_000);
afterAll(async () => {
  await load?.stop();
  await loop?.stop();
  await target?.stop();
});

const byId = (checks: PreflightCheck[], id: string) => checks.find((c) => c.id === id);
const describeGroup = async (): Promise<ReplicationGroup> =>
  (await labClients(f.lab).ec.send(new DescribeReplicationGroupsCommand({ ReplicationGroupId: GROUP }))).ReplicationGroups![0];
const nodePort = async (clusterId: string) =>
  (await labClients(f.lab).ec.send(new DescribeCacheClustersCommand({ CacheClusterId: clusterId, ShowCacheNodeInfo: true }))).CacheClusters![0].CacheNodes![0].Endpoint!.Port!;

/** Every node of every shard (replicas too: one becomes primary at a failover) publishes its shard's key events. */
async function everyNodePublishes(g: ReplicationGroup): Promise<void> {
  const cluster = new Redis.Cluster([{ host: "127.0.0.1", port: g.ConfigurationEndpoint!.Port! }]);
  try {
    for (const ng of g.NodeGroups!) {
      const [from, to] = ng.Slots!.split("-").map(Number);
      let i = 0;
      while (keySlot(`probe:${i}`) < from || keySlot(`probe:${i}`) > to) i++;
      const key = `probe:${i}`;
      for (const m of ng.NodeGroupMembers!) {
        const sub = redisAt(await nodePort(m.CacheClusterId!));
        try {
          const heard = new Promise<string>((resolve) => sub.on("pmessage", (_p, channel) => resolve(channel)));
          await sub.psubscribe("__keyspace@0__:*");
          await cluster.set(key, "1");
          expect(await heard).toBe(`__keyspace@0__:${key}`);
        } finally {
          sub.disconnect();
        }
      }
      await cluster.del(key);
    }
  } finally {
    cluster.disconnect();
  }
}

describe("key-level replication from a 3-shard cluster-mode ElastiCache group into a 2-shard cluster", () => {
  it("pre-flight reads every primary's parameter group, the consented fix configures every shard, and the migration follows a source shard failover to 0 differences", async () => {
    const sourceId = await seedElastiCache(f.actor, GROUP, f.lab, GROUP);
    const targetId = await seedSelfManaged(f.actor, "ecr-tgt", target.seed.port);
    const { id } = await createMigration({ actor: f.actor, name: "ecr", strategy: "replicate", sourceId, targetId });
    await db.migration.update({ where: { id }, data: { options: writeMigrationOptions({ gate: { stableSeconds: 1 } }) } });

    // Notifications off on the group's default parameter group: read per primary from AWS, not CONFIG.
    const before = await runMigrationPreflight({ actor: f.actor, migrationId: id });
    const perPrimary = byId(before.checks, "source.keyspace-notifications.every-primary")!;
    expect(perPrimary).toMatchObject({ status: "fail", autoFix: "keyspace-notifications" });
    expect(perPrimary.evidence.match(/"" \(parameter group default\.redis7\.cluster\.on\)/g)).toHaveLength(3);
    expect(perPrimary.evidence).not.toMatch(/unknown command/i);
    const whole = byId(before.checks, "source.keyspace-notifications")!;
    expect(whole).toMatchObject({ status: "fail", autoFix: "keyspace-notifications" });
    expect(whole.fix).toContain("ParameterName=cluster-enabled,ParameterValue=yes");
    expect(byId(before.checks, "source.cluster-settings")?.evidence).not.toMatch(/unknown/);

    f.lab.resetCalls();
    await applyNotificationsFix({ actor: f.actor, migrationId: id });
    // Nothing tried CONFIG on the ElastiCache nodes: the fix went through the API only.
    expect(f.ok("ModifyCacheParameterGroup")).toBe(2);
    expect(f.ok("ModifyReplicationGroup", GROUP)).toBe(1);
    const fixes = await db.event.findMany({ where: { migrationId: id, type: "source.notifications_fix" }, orderBy: { at: "asc" } });
    expect(fixes.map((e) => e.message.split(" ")[0])).toEqual(["CreateCacheParameterGroup", "ModifyCacheParameterGroup", "ModifyCacheParameterGroup", "ModifyReplicationGroup"]);
    await pollUntil("the custom group applied to every node", async () => {
      const g = await describeGroup();
      return g.Status === "available" && g;
    }, { timeoutMs: STATE_WAIT_MS });
    await everyNodePublishes(await describeGroup());
    const after = await runMigrationPreflight({ actor: f.actor, migrationId: id });
    expect(byId(after.checks, "source.keyspace-notifications.every-primary")).toMatchObject({ status: "pass" });
    expect(byId(after.checks, "source.keyspace-notifications")).toMatchObject({ status: "pass" });
    expect(after.checks.filter((c) => c.status === "fail").map((c) => `${c.id}: ${c.evidence}`)).toEqual([]);

    // The applications keep writing to the source through its configuration endpoint.
    const g = await describeGroup();
    load = startWriteLoad({ port: g.ConfigurationEndpoint!.Port!, cluster: true, opsPerSec: WRITE_OPS_PER_SEC });
    loop = startReplicationLoop({ ownerId: "ecr-loop", leaseMs: LEASE_MS, compareEveryMs: COMPARE_MS, log: () => {} });
    f.run();
    await startMigration({ actor: f.actor, migrationId: id });
    await waitForState(id, "in-sync", 3 * STATE_WAIT_MS);

    // Mid-live, shard 0002's replica takes over, as AWS's TestFailover does.
    const shard = g.NodeGroups!.find((n) => n.NodeGroupId === "0002")!;
    // Cluster-mode members carry no CurrentRole: the node's own INFO says which is the replica.
    const ports = await Promise.all(shard.NodeGroupMembers!.map((m) => nodePort(m.CacheClusterId!)));
    const roles = await Promise.all(ports.map(async (p) => {
      const c = redisAt(p);
      try {
        return /role:(\w+)/.exec(await c.info("replication"))?.[1];
      } finally {
        c.disconnect();
      }
    }));
    const newPrimary = ports[roles.indexOf("slave")];
    const failoverAt = new Date();
    await labClients(f.lab).ec.send(new TestFailoverCommand({ ReplicationGroupId: GROUP, NodeGroupId: "0002" }));
    await pollUntil("the lab's failover to complete", async () =>
      (await labClients(f.lab).ec.send(new DescribeEventsCommand({ SourceType: "replication-group", SourceIdentifier: GROUP }))).Events!
        .some((e) => /^Failover from primary node .* completed$/.test(e.Message ?? "")), { timeoutMs: FAILOVER_MS });
    const followed = await pollUntil("the subscriber to follow the new primary", () =>
      db.event.findFirst({ where: { migrationId: id, type: "replication.reconnect", at: { gte: failoverAt }, message: { contains: `127.0.0.1:${newPrimary}` } } }), { timeoutMs: FAILOVER_MS });
    await pollUntil("a repair pass for the failover window", () =>
      db.event.findFirst({ where: { migrationId: id, type: "replication.repair-finished", at: { gte: followed.at } } }), { timeoutMs: FAILOVER_MS });

    // The gate opens again once a sampled comparison is clean (each COMPARE_MS), then the two-step cutover.
    await pollUntil("the cutover gate to open", async () => (await f.gate(id)).open, { timeoutMs: 3 * COMPARE_EVERY_MS });
    // Writes keep landing on every shard, the new primary included, before the applications stop.
    const atRepair = load.stats().ops;
    await pollUntil("more writes after the failover", async () => load!.stats().ops >= atRepair + FOLLOW_UP_WRITES, { timeoutMs: STATE_WAIT_MS });
    await load.stop();
    load = undefined;
    await cutoverMigration({ actor: f.actor, migrationId: id, confirmName: "ecr-tgt" });
    await pollUntil("the final verification to be clean and Ferry to ask for the client switch", async () => {
      const steps = await stepsOf(id);
      return steps.find((s) => s.name === "drain-verify")?.status === "done" && steps.find((s) => s.name === "switch-clients")?.status === "waiting";
    }, { timeoutMs: 3 * STATE_WAIT_MS });
    await confirmClientsSwitched({ actor: f.actor, migrationId: id });
    await waitForState(id, "completed", 3 * STATE_WAIT_MS);
    expect(await db.event.count({ where: { migrationId: id, type: CLIENTS_SWITCHED_EVENT } })).toBe(1);
    const finalStep = (await stepsOf(id)).find((s) => s.name === "drain-verify")!;
    expect(JSON.parse(finalStep.detail!)).toMatchObject({ drained: true, differences: 0 });
    expect(await eventTypes(id)).toEqual(expect.arrayContaining(["replication.subscribed", "replication.initial-copy-done", "replication.reconnect", "replication.repair-finished", "replication.final_verification"]));

    // The verification the runner queued compares both clusters by slot: 0 differences.
    const run = await runQueuedVerification(id);
    expect(run.error).toBeNull();
    expect(JSON.parse(run.result!).keysCompared).toBeGreaterThanOrEqual(3_000);
    expect(await db.mismatch.count({ where: { verificationId: run.id } })).toBe(0);
    const direct = await compareClusterKeyspaces({ source: { host: "127.0.0.1", port: g.ConfigurationEndpoint!.Port! }, target: target.seed, rounds: 1, reverse: true });
    expect(direct.mismatchCount).toBe(0);
  }, 2 * MULTI_STATE_TEST_MS + 2 * FAILOVER_MS);
});
