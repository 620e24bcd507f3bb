import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  CompleteMigrationCommand, DescribeEventsCommand, StartMigrationCommand,
} from "@aws-sdk/client-elasticache";
import Redis from "ioredis";
import { startLab, type Lab } from "./start-lab";
import { describeGroup, labClients, memberPort, redisAt, waitFor } from "./test-clients";

let lab: Lab;
beforeAll(async () => {
  lab = await startLab({
    selfManaged: [{ name: "cs", cluster: { shards: 3 }, keys: 3000, writeOpsPerSec: 200, stopWriteLoadOnCutover: true }],
    groups: [{ id: "ct", shards: 3, nodes: 2 }, { id: "ct2", shards: 2, nodes: 1, multiAZ: true }],
  });
}, 120_000);
afterAll(async () => lab?.stop());

const field = (info: string, name: string) => new RegExp(`${name}:(\\S+)`).exec(info)?.[1];

async function keysOf(port: number): Promise<string[]> {
  const c = redisAt(port);
  try {
    const keys: string[] = [];
    let cursor = "0";
    do {
      const [next, batch] = await c.scan(cursor, "COUNT", 1000);
      keys.push(...batch);
      cursor = next;
    } while (cursor !== "0");
    return keys;
  } finally {
    c.disconnect();
  }
}

describe("online migration into a cluster-mode-enabled group", () => {
  it("the self-managed cluster source holds data on every shard and takes writes routed by slot", async () => {
    const shards = lab.selfManaged[0].shards!;
    expect(shards).toHaveLength(3);
    await waitFor("live writes on every shard", async () => {
      const keys = await Promise.all(shards.map((s) => keysOf(s.primary)));
      return keys.every((k) => k.length > 500 && k.some((x) => x.startsWith("live:")));
    });
  });

  it("refuses a target whose shard count differs, naming both counts", async () => {
    const src = lab.selfManaged[0];
    const err = await labClients(lab).ec.send(new StartMigrationCommand({
      ReplicationGroupId: "ct2", CustomerNodeEndpointList: [{ Address: src.host, Port: src.port }],
    })).catch((e) => e);
    expect(err.name).toBe("InvalidParameterValueException");
    expect(err.message).toMatch(/source cluster has 3 shards but replication group ct2 has 2 node groups/);
    expect((await describeGroup(lab, "ct2")).Status).toBe("available");
  });

  it("each target shard replicates the source shard owning its slots; after Complete a cluster client reads every key", async () => {
    const { ec } = labClients(lab);
    const src = lab.selfManaged[0];
    // Registered by a replica of the second shard: the lab, like AWS, discovers the rest.
    const started = await ec.send(new StartMigrationCommand({
      ReplicationGroupId: "ct", CustomerNodeEndpointList: [{ Address: src.host, Port: src.shards![1].replicas[0] }],
    }));
    expect(started.ReplicationGroup?.Status).toBe("migrating");

    const primaries = await Promise.all(["ct-0001-001", "ct-0002-001", "ct-0003-001"].map((id) => memberPort(lab, id)));
    for (const [i, port] of primaries.entries()) {
      const t = redisAt(port);
      await waitFor(`shard ${i + 1} link up`, async () => /master_link_status:up/.test(await t.info("replication")));
      const info = await t.info("replication");
      expect(Number(field(info, "master_port"))).toBe(src.shards![i].primary);
      expect(Number(field(info, "slave_repl_offset"))).toBeGreaterThan(0);
      await expect(t.set("x", "1")).rejects.toThrow(/READONLY/);
      t.disconnect();
    }

    await ec.send(new CompleteMigrationCommand({ ReplicationGroupId: "ct" }));
    const g = await waitFor("available", async () => {
      const x = await describeGroup(lab, "ct");
      return x.Status === "available" && x;
    }, 60_000);
    const events = await ec.send(new DescribeEventsCommand({ SourceType: "replication-group", SourceIdentifier: "ct" }));
    expect(events.Events?.map((e) => e.Message)).toContain("Complete Migration successful for ct");

    // The write load stopped at cutover, so both sides are final: same keys per shard.
    const sourceKeys = await Promise.all(src.shards!.map((s) => keysOf(s.primary)));
    const targetKeys = await Promise.all(primaries.map(keysOf));
    for (let i = 0; i < 3; i++) expect(targetKeys[i].sort()).toEqual(sourceKeys[i].sort());

    const cluster = new Redis.Cluster([{ host: "127.0.0.1", port: g.ConfigurationEndpoint!.Port! }], { enableAutoPipelining: true });
    try {
      const all = sourceKeys.flat();
      expect(all.length).toBeGreaterThan(3000);
      const found = await Promise.all(all.map((k) => cluster.exists(k)));
      expect(found.filter((n) => n === 1)).toHaveLength(all.length);
      expect(await cluster.set("after-cutover", "1")).toBe("OK");
    } finally {
      cluster.disconnect();
    }
    for (const id of ["ct-0001-002", "ct-0002-002", "ct-0003-002"]) {
      const r = redisAt(await memberPort(lab, id));
      expect(field(await r.info("replication"), "master_link_status")).toBe("up");
      r.disconnect();
    }
  }, 120_000);

  it("Force (the abort button) puts every node back in the cluster at once", async () => {
    const { ec } = labClients(lab);
    const src = lab.selfManaged[0];
    await ec.send(new StartMigrationCommand({ ReplicationGroupId: "ct", CustomerNodeEndpointList: [{ Address: src.host, Port: src.port }] }));
    const first = redisAt(await memberPort(lab, "ct-0001-001"));
    expect(field(await first.info("server"), "redis_mode")).toBe("standalone");
    // Force does not wait for the sync; the test does, so the data it checks below is complete.
    for (const id of ["ct-0001-001", "ct-0002-001", "ct-0003-001"]) {
      const t = redisAt(await memberPort(lab, id));
      await waitFor(`${id} link up`, async () => /master_link_status:up/.test(await t.info("replication")));
      t.disconnect();
    }
    await ec.send(new CompleteMigrationCommand({ ReplicationGroupId: "ct", Force: true }));
    const g = await waitFor("available", async () => {
      const x = await describeGroup(lab, "ct");
      return x.Status === "available" && x;
    }, 60_000);
    expect(field(await first.info("server"), "redis_mode")).toBe("cluster");
    first.disconnect();
    const cluster = new Redis.Cluster([{ host: "127.0.0.1", port: g.ConfigurationEndpoint!.Port! }]);
    // The second migration's full sync replaced the target's data with the source's again.
    expect(await cluster.get("after-cutover")).toBeNull();
    const sizes = await Promise.all(cluster.nodes("master").map((n) => n.dbsize()));
    const sourceSizes = await Promise.all(src.shards!.map((s) => keysOf(s.primary).then((k) => k.length)));
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(sourceSizes.reduce((a, b) => a + b, 0));
    expect(await cluster.set("after-abort", "1")).toBe("OK");
    cluster.disconnect();
  }, 120_000);
});
