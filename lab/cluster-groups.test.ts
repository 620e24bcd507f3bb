import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  CreateReplicationGroupCommand, DescribeEventsCommand, TestFailoverCommand,
  type ReplicationGroup,
} from "@aws-sdk/client-elasticache";
import Redis from "ioredis";
import { startLab, type Lab } from "./start-lab";
import { LAB_FAILOVER_TIMEOUT_MS } from "./elasticache/test-failover";
import { describeGroup, labClients, memberPort, redisAt, waitFor } from "./test-clients";

let lab: Lab;
beforeAll(async () => {
  lab = await startLab();
}, 60_000);
afterAll(async () => lab?.stop());

const role = async (port: number) => {
  const c = redisAt(port);
  try {
    return /role:(\w+)/.exec(await c.info("replication"))?.[1];
  } finally {
    c.disconnect();
  }
};

describe("cluster-mode-enabled replication groups in the lab", () => {
  let g: ReplicationGroup;

  it("CreateReplicationGroup with NodeGroupConfiguration forms a real 3-shard cluster, described as AWS does", async () => {
    const { ec } = labClients(lab);
    const layout = [{ Slots: "0-5000", ReplicaCount: 1 }, { Slots: "5001-11000", ReplicaCount: 1 }, { Slots: "11001-16383", ReplicaCount: 1 }];
    await ec.send(new CreateReplicationGroupCommand({
      ReplicationGroupId: "orders", ReplicationGroupDescription: "sharded", NumNodeGroups: 3, NodeGroupConfiguration: layout,
      MultiAZEnabled: true, AutomaticFailoverEnabled: true,
    }));
    g = await waitFor("available", async () => {
      const x = await describeGroup(lab, "orders");
      return x.Status === "available" && x;
    }, 60_000);
    expect(g.ClusterEnabled).toBe(true);
    expect(g.NodeGroups!.map((n) => [n.NodeGroupId, n.Slots])).toEqual([["0001", "0-5000"], ["0002", "5001-11000"], ["0003", "11001-16383"]]);
    // As on AWS: no per-shard primary endpoint, no member endpoint or role with cluster mode on.
    expect(g.NodeGroups!.map((n) => n.PrimaryEndpoint)).toEqual([undefined, undefined, undefined]);
    expect(g.NodeGroups![1].NodeGroupMembers!.map((m) => [m.CacheClusterId, m.ReadEndpoint, m.CurrentRole]))
      .toEqual([["orders-0002-001", undefined, undefined], ["orders-0002-002", undefined, undefined]]);
    expect(g.MemberClusters).toHaveLength(6);
    expect(g.ConfigurationEndpoint?.Port).toBeGreaterThan(0);
  }, 90_000);

  it("the configuration endpoint discovers the cluster; a key owned by another shard answers MOVED", async () => {
    const cluster = new Redis.Cluster([{ host: "127.0.0.1", port: g.ConfigurationEndpoint!.Port! }]);
    try {
      for (let i = 0; i < 300; i++) await cluster.set(`k:${i}`, String(i));
      expect(await cluster.get("k:299")).toBe("299");
      const masters = cluster.nodes("master");
      expect(masters).toHaveLength(3);
      const perShard = await Promise.all(masters.map((m) => m.dbsize()));
      expect(perShard.every((n) => n > 50)).toBe(true);
      expect(perShard.reduce((a, b) => a + b, 0)).toBe(300);
    } finally {
      cluster.disconnect();
    }
    // "foo" hashes to slot 12182: shard 0003's, so the first shard's primary redirects.
    const first = redisAt(await memberPort(lab, "orders-0001-001"));
    const third = await memberPort(lab, "orders-0003-001");
    await expect(first.set("foo", "bar")).rejects.toThrow(new RegExp(`MOVED 12182 127\\.0\\.0\\.1:${third}`));
    first.disconnect();
  });

  it("every node refuses what ElastiCache refuses, cluster write subcommands included", async () => {
    for (const id of ["orders-0001-001", "orders-0003-002"]) {
      const c = redisAt(await memberPort(lab, id));
      await expect(c.call("CONFIG", "GET", "maxmemory")).rejects.toThrow(/unknown command 'CONFIG'/i);
      await expect(c.call("CLUSTER", "MEET", "127.0.0.1", "1")).rejects.toThrow(/NOPERM/);
      await expect(c.call("CLUSTER", "FAILOVER")).rejects.toThrow(/NOPERM/);
      await expect(c.call("CLUSTER", "ADDSLOTSRANGE", "0", "1")).rejects.toThrow(/NOPERM/);
      c.disconnect();
    }
  });

  it("TestFailover promotes the node group's replica; roles and events show it; the data stays reachable", async () => {
    const { ec } = labClients(lab);
    const [oldPort, newPort] = [await memberPort(lab, "orders-0002-001"), await memberPort(lab, "orders-0002-002")];
    expect([await role(oldPort), await role(newPort)]).toEqual(["master", "slave"]);
    await ec.send(new TestFailoverCommand({ ReplicationGroupId: "orders", NodeGroupId: "0002" }));
    const message = "Failover from primary node orders-0002-001 to replica node orders-0002-002 completed";
    await waitFor("failover event", async () =>
      (await ec.send(new DescribeEventsCommand({ SourceType: "replication-group", SourceIdentifier: "orders" }))).Events!.some((e) => e.Message === message), LAB_FAILOVER_TIMEOUT_MS + 5_000);
    expect([await role(oldPort), await role(newPort)]).toEqual(["slave", "master"]);
    const cluster = new Redis.Cluster([{ host: "127.0.0.1", port: g.ConfigurationEndpoint!.Port! }]);
    const values = await Promise.all(Array.from({ length: 300 }, (_, i) => cluster.get(`k:${i}`)));
    expect(values.filter((v, i) => v === String(i))).toHaveLength(300);
    cluster.disconnect();

    const missing = await ec.send(new TestFailoverCommand({ ReplicationGroupId: "orders", NodeGroupId: "0009" })).catch((e) => e);
    expect(missing.name).toBe("NodeGroupNotFoundFault");
  }, LAB_FAILOVER_TIMEOUT_MS + 30_000);

  it("refuses slots that leave a gap", async () => {
    const err = await labClients(lab).ec.send(new CreateReplicationGroupCommand({
      ReplicationGroupId: "gappy", ReplicationGroupDescription: "x", NumNodeGroups: 2,
      NodeGroupConfiguration: [{ Slots: "0-100", ReplicaCount: 0 }, { Slots: "200-16383", ReplicaCount: 0 }],
    })).catch((e) => e);
    expect(err.name).toBe("InvalidParameterValueException");
    expect(err.message).toMatch(/cover 0-16383/);
  });
});
