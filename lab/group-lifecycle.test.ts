import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  CompleteMigrationCommand, CreateReplicationGroupCommand, CreateSnapshotCommand, DeleteReplicationGroupCommand,
  DescribeCacheClustersCommand, DescribeEventsCommand, DescribeReplicationGroupsCommand, DescribeSnapshotsCommand,
  ModifyReplicationGroupCommand, StartMigrationCommand, TestMigrationCommand,
} from "@aws-sdk/client-elasticache";
import { startLab, type Lab } from "./start-lab";
import { describeGroup, labClients, redisAt, waitFor } from "./test-clients";

let lab: Lab;
beforeAll(async () => {
  lab = await startLab({
    delays: { create: 300, modify: 200, complete: 50 },
    selfManaged: [{ name: "src", keys: 100 }],
    groups: [{ id: "single", nodes: 1 }, { id: "pair", nodes: 2 }],
  });
});
afterAll(async () => lab?.stop());

describe("replication group lifecycle", () => {
  it("creates a cluster-mode group with one redis per node group, creating -> available, then deletes it", async () => {
    const { ec } = labClients(lab);
    const out = await ec.send(new CreateReplicationGroupCommand({ ReplicationGroupId: "Sharded", ReplicationGroupDescription: "s", NumNodeGroups: 2, ReplicasPerNodeGroup: 0 }));
    expect(out.ReplicationGroup?.Status).toBe("creating");
    expect(out.ReplicationGroup?.MemberClusters).toEqual(["sharded-0001-001", "sharded-0002-001"]);
    expect((await describeGroup(lab, "sharded")).Status).toBe("creating");
    const g = await waitFor("available", async () => {
      const x = await describeGroup(lab, "sharded");
      return x.Status === "available" && x;
    });
    expect(g.ClusterEnabled).toBe(true);
    expect(g.NodeGroups?.map((n) => n.Slots)).toEqual(["0-8191", "8192-16383"]);
    // Cluster mode enabled: member endpoints come from DescribeCacheClusters, as on AWS.
    expect(g.NodeGroups![0].NodeGroupMembers![0].ReadEndpoint).toBeUndefined();
    const ports = await Promise.all(["sharded-0001-001", "sharded-0002-001"].map(async (id) =>
      (await ec.send(new DescribeCacheClustersCommand({ CacheClusterId: id, ShowCacheNodeInfo: true }))).CacheClusters![0].CacheNodes![0].Endpoint!.Port!));
    expect(new Set(ports).size).toBe(2);
    const clusters = await ec.send(new DescribeCacheClustersCommand({ CacheClusterId: "sharded-0002-001", ShowCacheNodeInfo: true }));
    expect(clusters.CacheClusters?.[0].Engine).toBe("redis");
    expect(clusters.CacheClusters?.[0].EngineVersion).toMatch(/^7\./);

    const dup = await ec.send(new CreateReplicationGroupCommand({ ReplicationGroupId: "sharded", ReplicationGroupDescription: "s" })).catch((e) => e);
    expect(dup.name).toBe("ReplicationGroupAlreadyExistsFault");
    expect((await ec.send(new DeleteReplicationGroupCommand({ ReplicationGroupId: "sharded" }))).ReplicationGroup?.Status).toBe("deleting");
    await waitFor("gone", async () => (await ec.send(new DescribeReplicationGroupsCommand({ ReplicationGroupId: "sharded" })).catch((e) => e)).name === "ReplicationGroupNotFoundFault");
    const dead = redisAt(ports[0]);
    await expect(dead.ping()).rejects.toThrow();
    dead.disconnect();
  });

  it("Multi-AZ needs a replica; modifying passes through `modifying`; online-migration prerequisites are checked", async () => {
    const { ec } = labClients(lab);
    const src = lab.selfManaged[0];
    const endpoints = [{ Address: src.host, Port: src.port }];
    const bad = await ec.send(new ModifyReplicationGroupCommand({ ReplicationGroupId: "single", MultiAZEnabled: true, ApplyImmediately: true })).catch((e) => e);
    expect(bad.name).toBe("InvalidParameterCombinationException");

    const noMultiAz = await ec.send(new ModifyReplicationGroupCommand({ ReplicationGroupId: "pair", MultiAZEnabled: false, TransitEncryptionEnabled: true, ApplyImmediately: true }));
    expect(noMultiAz.ReplicationGroup?.Status).toBe("modifying");
    const busy = await ec.send(new TestMigrationCommand({ ReplicationGroupId: "pair", CustomerNodeEndpointList: endpoints })).catch((e) => e);
    expect(busy.name).toBe("InvalidReplicationGroupStateFault");
    await waitFor("modified", async () => (await describeGroup(lab, "pair")).Status === "available");
    const g = await describeGroup(lab, "pair");
    expect([g.MultiAZ, g.TransitEncryptionEnabled]).toEqual(["disabled", true]);
    const refused = await ec.send(new TestMigrationCommand({ ReplicationGroupId: "pair", CustomerNodeEndpointList: endpoints })).catch((e) => e);
    expect(refused.name).toBe("InvalidParameterValueException");
    expect(refused.message).toMatch(/in-transit encryption/);

    await ec.send(new ModifyReplicationGroupCommand({ ReplicationGroupId: "pair", MultiAZEnabled: true, TransitEncryptionEnabled: false, ApplyImmediately: true }));
    await waitFor("modified", async () => (await describeGroup(lab, "pair")).Status === "available");
    const unreachable = await ec.send(new TestMigrationCommand({ ReplicationGroupId: "pair", CustomerNodeEndpointList: [{ Address: "127.0.0.1", Port: 1 }] })).catch((e) => e);
    expect(unreachable.message).toMatch(/Unable to connect/);
    const remote = await ec.send(new TestMigrationCommand({ ReplicationGroupId: "pair", CustomerNodeEndpointList: [{ Address: "10.0.0.5", Port: 6379 }] })).catch((e) => e);
    expect(remote.name).toBe("InvalidParameterValueException");
    expect((await ec.send(new TestMigrationCommand({ ReplicationGroupId: "pair", CustomerNodeEndpointList: endpoints }))).ReplicationGroup?.Status).toBe("available");
  });

  it("a failed promotion leaves the group migrating with an event; a slow one takes its time", async () => {
    const { ec } = labClients(lab);
    const src = lab.selfManaged[0];
    await ec.send(new StartMigrationCommand({ ReplicationGroupId: "pair", CustomerNodeEndpointList: [{ Address: src.host, Port: src.port }] }));
    const t = redisAt((await describeGroup(lab, "pair")).NodeGroups![0].PrimaryEndpoint!.Port!);
    await waitFor("link up", async () => /master_link_status:up/.test(await t.info("replication")));
    const failed = lab.faults.add({ kind: "failed-promotion", groupId: "pair" });
    await ec.send(new CompleteMigrationCommand({ ReplicationGroupId: "pair" }));
    const events = async () => (await ec.send(new DescribeEventsCommand({ SourceIdentifier: "pair", SourceType: "replication-group" }))).Events!.map((e) => e.Message!);
    await waitFor("failure event", async () => (await events()).some((m) => m.startsWith("Complete Migration failed for pair")));
    expect((await describeGroup(lab, "pair")).Status).toBe("migrating");
    await expect(t.set("k", "v")).rejects.toThrow(/READONLY/);

    lab.faults.remove(failed);
    lab.faults.add({ kind: "slow-promotion", groupId: "pair", ms: 400 });
    const began = Date.now();
    await ec.send(new CompleteMigrationCommand({ ReplicationGroupId: "pair" }));
    await waitFor("available", async () => (await describeGroup(lab, "pair")).Status === "available");
    expect(Date.now() - began).toBeGreaterThanOrEqual(400);
    expect(await t.set("k", "v")).toBe("OK");
    t.disconnect();
    lab.faults.clear();
  });

  it("a stuck snapshot stays `creating`", async () => {
    const { ec } = labClients(lab);
    lab.faults.add({ kind: "stuck-snapshot", snapshotName: "stuck" });
    await ec.send(new CreateSnapshotCommand({ ReplicationGroupId: "single", SnapshotName: "stuck" }));
    await waitFor("group back", async () => (await describeGroup(lab, "single")).Status === "available");
    await new Promise((r) => setTimeout(r, 200));
    const s = await ec.send(new DescribeSnapshotsCommand({ SnapshotName: "stuck" }));
    expect(s.Snapshots?.[0].SnapshotStatus).toBe("creating");
  });
});
