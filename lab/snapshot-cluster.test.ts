import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  CopySnapshotCommand, CreateReplicationGroupCommand, CreateSnapshotCommand, DescribeReplicationGroupsCommand, DescribeSnapshotsCommand,
  type ElastiCacheClient,
} from "@aws-sdk/client-elasticache";
import Redis from "ioredis";
import { startLab, type Lab } from "./start-lab";
import { labClients, redisAt, waitFor } from "./test-clients";

let lab: Lab;
beforeAll(async () => {
  lab = await startLab({
    groups: [{ id: "sharded", shards: 3, nodes: 1, keys: 900 }, { id: "single", nodes: 1 }],
    buckets: [{ name: "export-a", account: "A", elastiCacheExportGrants: true }],
  });
}, 90_000);
afterAll(async () => lab?.stop());

const group = async (ec: ElastiCacheClient, id: string) =>
  (await ec.send(new DescribeReplicationGroupsCommand({ ReplicationGroupId: id }))).ReplicationGroups![0];
const settled = (ec: ElastiCacheClient, id: string) =>
  waitFor(`${id} settled`, async () => {
    const g = await group(ec, id);
    return g.Status !== "creating" && g;
  }, 90_000);
const snapshot = async (ec: ElastiCacheClient, rg: string, name: string) => {
  await ec.send(new CreateSnapshotCommand({ ReplicationGroupId: rg, SnapshotName: name }));
  return waitFor(`${name} available`, async () => {
    const s = (await ec.send(new DescribeSnapshotsCommand({ SnapshotName: name }))).Snapshots?.[0];
    return s?.SnapshotStatus === "available" && s;
  }, 30_000);
};

async function openCluster(port: number): Promise<InstanceType<typeof Redis.Cluster>> {
  const cluster = new Redis.Cluster([{ host: "127.0.0.1", port }]);
  await new Promise((resolve, reject) => cluster.once("ready", resolve).once("error", reject));
  return cluster;
}

/** Type and content, order-free (DUMP bytes depend on hash-table order, which a restore may change). */
async function describeValue(m: Redis, k: string): Promise<string> {
  const type = await m.type(k);
  if (type === "string") return `string:${await m.get(k)}`;
  if (type === "set") return `set:${(await m.smembers(k)).sort().join(",")}`;
  if (type === "hash") return `hash:${JSON.stringify(Object.entries(await m.hgetall(k)).sort())}`;
  if (type === "list") return `list:${(await m.lrange(k, 0, -1)).join(",")}`;
  return `${type}:${await m.call("OBJECT", "ENCODING", k)}`;
}

/** Every key with its value, read through the cluster (so each is found on the shard owning its slot). */
async function clusterKeys(port: number): Promise<Map<string, string>> {
  const cluster = await openCluster(port);
  try {
    const out = new Map<string, string>();
    for (const m of cluster.nodes("master")) {
      for (const k of await m.keys("*")) out.set(k, await describeValue(m, k));
    }
    return out;
  } finally {
    cluster.disconnect();
  }
}

describe("snapshots into cluster-mode-enabled groups", () => {
  it("a 3-shard group's snapshot has one RDB per node group with its slots; exported, it seeds a 2-shard group by slot", async () => {
    const { ec } = labClients(lab);
    const src = await group(ec, "sharded");
    const expected = await clusterKeys(src.ConfigurationEndpoint!.Port!);
    expect(expected.size).toBeGreaterThan(900);

    const snap = await snapshot(ec, "sharded", "sh1");
    expect(snap.NodeSnapshots!.map((n) => [n.NodeGroupId, n.NodeGroupConfiguration?.Slots]))
      .toEqual([["0001", "0-5460"], ["0002", "5461-10922"], ["0003", "10923-16383"]]);
    await ec.send(new CopySnapshotCommand({ SourceSnapshotName: "sh1", TargetSnapshotName: "sh1x", TargetBucket: "export-a" }));
    await waitFor("exported", async () => (await ec.send(new DescribeSnapshotsCommand({ SnapshotName: "sh1" }))).Snapshots?.[0].SnapshotStatus === "available");

    await ec.send(new CreateReplicationGroupCommand({
      ReplicationGroupId: "two", ReplicationGroupDescription: "resharded", NumNodeGroups: 2,
      NodeGroupConfiguration: [{ Slots: "0-8000", ReplicaCount: 1 }, { Slots: "8001-16383", ReplicaCount: 1 }],
      SnapshotArns: [1, 2, 3].map((i) => `arn:aws:s3:::export-a/sh1x-000${i}.rdb`),
    }));
    const two = await settled(ec, "two");
    expect(two.Status).toBe("available");
    expect(two.NodeGroups!.map((n) => n.Slots)).toEqual(["0-8000", "8001-16383"]);
    const got = await clusterKeys(two.ConfigurationEndpoint!.Port!);
    expect(got.size).toBe(expected.size);
    for (const [k, v] of expected) expect(got.get(k), k).toBe(v);
  }, 180_000);

  it("a single node's snapshot seeds a 2-shard group (SnapshotName); an RDB with keys beyond database 0 ends restore-failed", async () => {
    const { ec } = labClients(lab);
    const node = redisAt((await group(ec, "single")).NodeGroups![0].PrimaryEndpoint!.Port!);
    const pipe = node.pipeline();
    for (let i = 0; i < 400; i++) pipe.set(`s:${i}`, `v${i}`);
    pipe.set("ttl:1", "x", "EX", 3600);
    await pipe.exec();
    await snapshot(ec, "single", "one");
    await ec.send(new CreateReplicationGroupCommand({ ReplicationGroupId: "split", ReplicationGroupDescription: "d", NumNodeGroups: 2, ReplicasPerNodeGroup: 0, SnapshotName: "one" }));
    const split = await settled(ec, "split");
    expect(split.Status).toBe("available");
    const cluster = await openCluster(split.ConfigurationEndpoint!.Port!);
    try {
      const perShard = await Promise.all(cluster.nodes("master").map((m) => m.dbsize()));
      expect(perShard.reduce((a, b) => a + b)).toBe(401);
      expect(Math.min(...perShard)).toBeGreaterThan(100);
      expect(await cluster.get("s:399")).toBe("v399");
      expect(await cluster.ttl("ttl:1")).toBeGreaterThan(3500);
    } finally {
      cluster.disconnect();
    }

    await redisAt(node.options.port!, 3).set("elsewhere", "1");
    await snapshot(ec, "single", "multi");
    await ec.send(new CreateReplicationGroupCommand({ ReplicationGroupId: "bad", ReplicationGroupDescription: "d", NumNodeGroups: 2, SnapshotName: "multi" }));
    expect((await settled(ec, "bad")).Status).toBe("restore-failed");
    node.disconnect();
  }, 180_000);
});
