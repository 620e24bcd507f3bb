import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CompleteMigrationCommand, DescribeReplicationGroupsCommand, StartMigrationCommand } from "@aws-sdk/client-elasticache";
import { startLab, type Lab } from "./start-lab";
import { labClients, redisAt, totalKeys, waitFor } from "./test-clients";

let lab: Lab;
beforeAll(async () => {
  lab = await startLab({
    selfManaged: [{ name: "busy", keys: 500, writeOpsPerSec: 300, stopWriteLoadOnCutover: true }],
    groups: [{ id: "busy-target", nodes: 2 }],
  });
});
afterAll(async () => lab?.stop());

describe("the demo's clients at cutover", () => {
  it("stop writing to the old primary before the target is promoted, so both hold the same keys", async () => {
    const { ec } = labClients(lab);
    const src = lab.selfManaged[0];
    const started = await ec.send(new StartMigrationCommand({ ReplicationGroupId: "busy-target", CustomerNodeEndpointList: [{ Address: src.host, Port: src.port }] }));
    const target = redisAt(started.ReplicationGroup!.NodeGroups![0].PrimaryEndpoint!.Port!);
    const source = redisAt(src.port);
    await waitFor("link up", async () => /master_link_status:up/.test(await target.info("replication")));
    const offset = async () => Number((await source.info("replication")).match(/master_repl_offset:(\d+)/)![1]);
    const before = await offset();
    await waitFor("the write load to write", async () => (await offset()) > before);

    await ec.send(new CompleteMigrationCommand({ ReplicationGroupId: "busy-target" }));
    await waitFor("available", async () => {
      const g = (await ec.send(new DescribeReplicationGroupsCommand({ ReplicationGroupId: "busy-target" }))).ReplicationGroups![0];
      return g.Status === "available";
    });
    const after = await offset();
    await new Promise((r) => setTimeout(r, 300));
    expect(await offset()).toBe(after); // the clients stopped writing to the old primary
    expect(await totalKeys(target)).toBe(await totalKeys(source));
    source.disconnect();
    target.disconnect();
  });
});
