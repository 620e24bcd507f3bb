import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  CompleteMigrationCommand, DescribeEventsCommand, DescribeReplicationGroupsCommand, StartMigrationCommand, TestMigrationCommand,
} from "@aws-sdk/client-elasticache";
import { startLab, type Lab } from "./start-lab";
import { labClients, redisAt, totalKeys, waitFor } from "./test-clients";

let lab: Lab;
beforeAll(async () => {
  lab = await startLab({
    selfManaged: [{ name: "src", keys: 2000 }, { name: "src2", keys: 300 }],
    groups: [{ id: "target", nodes: 2 }, { id: "target2", nodes: 2 }],
  });
});
afterAll(async () => lab?.stop());

const group = async (id: string) =>
  (await labClients(lab).ec.send(new DescribeReplicationGroupsCommand({ ReplicationGroupId: id }))).ReplicationGroups![0];

describe("online migration through the real ElastiCache SDK", () => {
  it("moves the source's keys into the target, read-only while migrating, writable after", async () => {
    const { ec } = labClients(lab);
    const src = lab.selfManaged[0];
    const endpoints = [{ Address: src.host, Port: src.port }];
    await ec.send(new TestMigrationCommand({ ReplicationGroupId: "target", CustomerNodeEndpointList: endpoints }));
    const started = await ec.send(new StartMigrationCommand({ ReplicationGroupId: "target", CustomerNodeEndpointList: endpoints }));
    expect(started.ReplicationGroup?.Status).toBe("migrating");

    const primaryPort = started.ReplicationGroup!.NodeGroups![0].PrimaryEndpoint!.Port!;
    const target = redisAt(primaryPort);
    const source = redisAt(src.port);
    await waitFor("link up", async () => /master_link_status:up/.test(await target.info("replication")));
    await expect(target.set("x", "1")).rejects.toThrow(/READONLY/);
    await source.set("written-during-migration", "yes");

    await ec.send(new CompleteMigrationCommand({ ReplicationGroupId: "target" }));
    await waitFor("available", async () => (await group("target")).Status === "available");
    expect(await totalKeys(target)).toBe(await totalKeys(source));
    expect(await totalKeys(target)).toBeGreaterThan(2000);
    expect(await target.get("written-during-migration")).toBe("yes");
    expect(await target.set("after", "1")).toBe("OK");
    const events = await ec.send(new DescribeEventsCommand({ SourceType: "replication-group", SourceIdentifier: "target" }));
    expect(events.Events?.map((e) => e.Message)).toContain("Complete Migration successful for target");
    expect(lab.calls({ action: "StartMigration", groupId: "target" })).toHaveLength(1);
    target.disconnect();
    source.disconnect();
  });

  it("refuses CompleteMigration with InvalidReplicationGroupState while the link is not up, then completes", async () => {
    const { ec } = labClients(lab);
    const src = lab.selfManaged[1];
    const fault = lab.faults.add({ kind: "stall-replication", groupId: "target2" });
    await ec.send(new StartMigrationCommand({ ReplicationGroupId: "target2", CustomerNodeEndpointList: [{ Address: src.host, Port: src.port }] }));
    const err = await ec.send(new CompleteMigrationCommand({ ReplicationGroupId: "target2" })).catch((e) => e);
    expect(err.name).toBe("InvalidReplicationGroupStateFault");
    expect(err.$metadata.httpStatusCode).toBe(400);
    expect((await group("target2")).Status).toBe("migrating");

    lab.faults.remove(fault);
    const port = (await group("target2")).NodeGroups![0].PrimaryEndpoint!.Port!;
    const t = redisAt(port);
    await waitFor("link up", async () => /master_link_status:up/.test(await t.info("replication")));
    await ec.send(new CompleteMigrationCommand({ ReplicationGroupId: "target2" }));
    await waitFor("available", async () => (await group("target2")).Status === "available");
    const s2 = redisAt(src.port);
    expect(await totalKeys(t)).toBe(await totalKeys(s2));
    s2.disconnect();
    t.disconnect();
  });

  it("answers CompleteMigration on a group that is not migrating with ReplicationGroupNotUnderMigrationFault", async () => {
    const err = await labClients(lab).ec.send(new CompleteMigrationCommand({ ReplicationGroupId: "target" })).catch((e) => e);
    expect(err.name).toBe("ReplicationGroupNotUnderMigrationFault");
  });

  it("Force completes a migration whose link never came up", async () => {
    const { ec } = labClients(lab);
    lab.faults.add({ kind: "stall-replication", groupId: "target" });
    const src = lab.selfManaged[1];
    await ec.send(new StartMigrationCommand({ ReplicationGroupId: "target", CustomerNodeEndpointList: [{ Address: src.host, Port: src.port }] }));
    const again = await ec.send(new StartMigrationCommand({ ReplicationGroupId: "target", CustomerNodeEndpointList: [{ Address: src.host, Port: src.port }] })).catch((e) => e);
    expect(again.name).toBe("ReplicationGroupAlreadyUnderMigrationFault");
    await ec.send(new CompleteMigrationCommand({ ReplicationGroupId: "target", Force: true }));
    await waitFor("available", async () => (await group("target")).Status === "available");
    lab.faults.clear();
  });
});
