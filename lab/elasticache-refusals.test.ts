import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  CreateCacheParameterGroupCommand, DescribeCacheClustersCommand, DescribeCacheParametersCommand, DescribeReplicationGroupsCommand,
  ModifyCacheParameterGroupCommand, ModifyReplicationGroupCommand,
} from "@aws-sdk/client-elasticache";
import { startLab, type Lab } from "./start-lab";
import { labClients, redisAt, waitFor } from "./test-clients";

let lab: Lab;
beforeAll(async () => {
  lab = await startLab({ delays: { modify: 100 }, groups: [{ id: "ec", nodes: 2 }] });
});
afterAll(async () => lab?.stop());

const nodePorts = async () => {
  const rg = (await labClients(lab).ec.send(new DescribeReplicationGroupsCommand({ ReplicationGroupId: "ec" }))).ReplicationGroups![0];
  return rg.NodeGroups![0].NodeGroupMembers!.map((m) => m.ReadEndpoint!.Port!);
};

describe("lab ElastiCache nodes refuse what ElastiCache refuses", () => {
  it("answers ElastiCache's unknown-command error for each refused command, and keeps serving", async () => {
    const [primary] = await nodePorts();
    const c = redisAt(primary);
    try {
      const refused: [string, ...string[]][] = [
        ["CONFIG", "GET", "notify-keyspace-events"], ["REPLICAOF", "127.0.0.1", "1"], ["SLAVEOF", "NO", "ONE"], ["BGSAVE"], ["SAVE"],
        ["BGREWRITEAOF"], ["DEBUG", "SLEEP", "0"], ["MIGRATE", "127.0.0.1", "1", "k", "0", "10"], ["SHUTDOWN", "NOSAVE"],
      ];
      for (const [name, ...args] of refused) {
        const err = (await c.call(name, ...args).catch((e: Error) => e)) as Error;
        const quoted = args.slice(0, 1).map((a) => `'${a}'`).join(" ");
        expect(err.message, name).toMatch(new RegExp(`^ERR unknown command '${name}', with args beginning with: ${quoted.replace(/\./g, "\\.")}`));
      }
      // Subcommands and the replication handshake cannot be renamed: ACL denies them to clients.
      for (const args of [["SYNC"], ["PSYNC", "?", "-1"], ["ACL", "SETUSER", "x"], ["CLUSTER", "MEET", "127.0.0.1", "1"]]) {
        const err = (await c.call(args[0], ...args.slice(1)).catch((e: Error) => e)) as Error;
        expect(err.message, args.join(" ")).toMatch(/^NOPERM/);
      }
      expect(await c.ping()).toBe("PONG");
      expect(await c.call("ACL", "WHOAMI")).toBe("default");
    } finally {
      c.disconnect();
    }
  });

  it("still replicates inside the group (the replica syncs as the lab's internal user)", async () => {
    const [primary, replica] = await nodePorts();
    const p = redisAt(primary);
    const r = redisAt(replica);
    try {
      await p.set("replicated", "yes");
      expect(await waitFor("the replica to have the key", async () => (await r.get("replicated")) ?? undefined)).toBe("yes");
    } finally {
      p.disconnect();
      r.disconnect();
    }
  });
});

describe("cache parameter groups through the real SDK", () => {
  it("refuses to modify a default group, creates a custom one, attaches it and really turns notifications on", async () => {
    const { ec } = labClients(lab);
    const member = async () => (await ec.send(new DescribeCacheClustersCommand({ CacheClusterId: "ec-001" }))).CacheClusters![0];
    expect((await member()).CacheParameterGroup).toEqual({ CacheParameterGroupName: "default.redis7", ParameterApplyStatus: "in-sync" });

    const kea = [{ ParameterName: "notify-keyspace-events", ParameterValue: "KEA" }];
    const denied = await ec.send(new ModifyCacheParameterGroupCommand({ CacheParameterGroupName: "default.redis7", ParameterNameValues: kea })).catch((e) => e);
    expect(denied.name).toBe("InvalidParameterValueException");
    const missing = await ec.send(new DescribeCacheParametersCommand({ CacheParameterGroupName: "nope" })).catch((e) => e);
    expect(missing.name).toBe("CacheParameterGroupNotFoundFault");

    const created = await ec.send(new CreateCacheParameterGroupCommand({ CacheParameterGroupName: "ferry-kea", CacheParameterGroupFamily: "redis7", Description: "notifications" }));
    expect(created.CacheParameterGroup).toMatchObject({ CacheParameterGroupName: "ferry-kea", CacheParameterGroupFamily: "redis7" });
    const dup = await ec.send(new CreateCacheParameterGroupCommand({ CacheParameterGroupName: "ferry-kea", CacheParameterGroupFamily: "redis7", Description: "x" })).catch((e) => e);
    expect(dup.name).toBe("CacheParameterGroupAlreadyExistsFault");
    const bad = await ec.send(new ModifyCacheParameterGroupCommand({ CacheParameterGroupName: "ferry-kea", ParameterNameValues: [{ ParameterName: "notify-keyspace-events", ParameterValue: "KQ" }] })).catch((e) => e);
    expect(bad.name).toBe("InvalidParameterValueException");
    expect((await ec.send(new ModifyCacheParameterGroupCommand({ CacheParameterGroupName: "ferry-kea", ParameterNameValues: kea }))).CacheParameterGroupName).toBe("ferry-kea");
    const params = await ec.send(new DescribeCacheParametersCommand({ CacheParameterGroupName: "ferry-kea" }));
    expect(params.Parameters?.find((p) => p.ParameterName === "notify-keyspace-events")).toMatchObject({ ParameterValue: "KEA", Source: "user", IsModifiable: true });

    await ec.send(new ModifyReplicationGroupCommand({ ReplicationGroupId: "ec", CacheParameterGroupName: "ferry-kea", ApplyImmediately: true }));
    await waitFor("the new parameter group in sync", async () => {
      const pg = (await member()).CacheParameterGroup;
      return pg?.CacheParameterGroupName === "ferry-kea" && pg.ParameterApplyStatus === "in-sync";
    });
    // A group in use cannot flip the cluster mode of the replication group using it.
    const flip = await ec.send(new ModifyCacheParameterGroupCommand({ CacheParameterGroupName: "ferry-kea", ParameterNameValues: [{ ParameterName: "cluster-enabled", ParameterValue: "yes" }] })).catch((e) => e);
    expect(flip.name).toBe("InvalidCacheParameterGroupStateFault");

    const [primary] = await nodePorts();
    const sub = redisAt(primary);
    const writer = redisAt(primary);
    try {
      const heard = new Promise<string>((resolve) => sub.on("pmessage", (_p, channel, message) => resolve(`${channel} ${message}`)));
      await sub.psubscribe("__keyspace@0__:*");
      await writer.set("notified", "1");
      expect(await heard).toBe("__keyspace@0__:notified set");
    } finally {
      sub.disconnect();
      writer.disconnect();
    }
  });
});
