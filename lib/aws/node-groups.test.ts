import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { StartMigrationCommand } from "@aws-sdk/client-elasticache";
import { startLab, type Lab } from "../../lab/start-lab";
import { redisAt, waitFor } from "../../lab/test-clients";
import { endFacts } from "../monitor/end-facts";
import { shardGateSample } from "../monitor/shard-gate";
import { parseInfo } from "../redis/info";
import { keySlot } from "../redis/cluster/key-slot";
import type Redis from "ioredis";
import { readShardReplication, shardNotInSync } from "../flows/shard-replication";
import { getAwsClients, resetAwsClients, type AwsClients } from "./clients";
import { discoverNodeGroups } from "./elasticache";
import { parseSlotRanges } from "./node-groups";
import { setLabCredentials } from "../../lab/set-lab-credentials";

let lab: Lab;
let aws: AwsClients;

beforeAll(async () => {
  lab = await startLab({ selfManaged: [{ name: "ng-src", cluster: { shards: 3 }, keys: 1500 }], groups: [{ id: "ng-target", shards: 3, nodes: 2 }] });
  setLabCredentials();
  aws = getAwsClients({ credentials: { kind: "default" }, region: lab.region, endpoint: lab.endpoint });
}, 60_000);

afterAll(async () => {
  resetAwsClients();
  await lab?.stop();
});

const factsAt = async (port: number) => {
  const c = redisAt(port);
  try {
    return endFacts(parseInfo(await c.info()));
  } finally {
    c.disconnect();
  }
};

describe("discoverNodeGroups against a cluster-mode group in the lab", () => {
  it("gives each node group its slots and its member endpoints (from DescribeCacheClusters, as on AWS)", async () => {
    const groups = await discoverNodeGroups(aws, "ng-target");
    expect(groups.map((g) => [g.nodeGroupId, g.slots])).toEqual([["0001", [[0, 5460]]], ["0002", [[5461, 10922]]], ["0003", [[10923, 16383]]]]);
    expect(groups.map((g) => g.members.map((m) => m.cacheClusterId))).toEqual([
      ["ng-target-0001-001", "ng-target-0001-002"], ["ng-target-0002-001", "ng-target-0002-002"], ["ng-target-0003-001", "ng-target-0003-002"],
    ]);
    // The discovered endpoints are the shards' real nodes: each primary owns its node group's slots.
    for (const g of groups) {
      let i = 0;
      while (keySlot(Buffer.from(`probe:${i}`)) < g.slots[0][0] || keySlot(Buffer.from(`probe:${i}`)) > g.slots[0][1]) i++;
      const c = redisAt(g.members[0].port);
      expect(await c.set(`probe:${i}`, "1"), `node group ${g.nodeGroupId}`).toBe("OK");
      await c.del(`probe:${i}`);
      c.disconnect();
    }
  });

  it("reads per-shard offsets, link and keys while each target shard replicates its source shard", async () => {
    const src = lab.selfManaged[0];
    const opened: Redis[] = [];
    const connect = async (n: { port: number }) => {
      const c = redisAt(n.port);
      opened.push(c);
      return c;
    };
    const before = await readShardReplication(await discoverNodeGroups(aws, "ng-target"), connect);
    expect(before.map(shardNotInSync)).toEqual(["shard 0001 is not replicating", "shard 0002 is not replicating", "shard 0003 is not replicating"]);
    await aws.elasticache.send(new StartMigrationCommand({ ReplicationGroupId: "ng-target", CustomerNodeEndpointList: [{ Address: src.host, Port: src.port }] }));
    const groups = await discoverNodeGroups(aws, "ng-target");
    const samples = await waitFor("every shard in sync", async () => {
      const s = await Promise.all(groups.map(async (g, i) => shardGateSample(new Date(), await factsAt(src.shards![i].primary), await factsAt(g.members[0].port))));
      return s.every((x) => x.linkUp && x.lagBytes === 0) && s;
    });
    for (const [i, s] of samples.entries()) {
      expect(s.srcKeys).toBeGreaterThan(300);
      expect(s.tgtKeys, `shard ${i + 1}`).toBe(s.srcKeys);
    }
    expect(new Set(samples.map((s) => s.srcKeys)).size).toBeGreaterThan(1);
    // The runner's view: per shard, the member replicating from outside the group is the primary, pointed at its source shard.
    const during = await readShardReplication(groups, connect);
    expect(during.map(shardNotInSync)).toEqual([null, null, null]);
    expect(during.map((s) => [s.node?.port, s.view?.masterPort])).toEqual(groups.map((g, i) => [g.members[0].port, src.shards![i].primary]));
    opened.forEach((c) => c.disconnect());
  });

  it("parses AWS's Slots forms", () => {
    expect(parseSlotRanges("0-5460")).toEqual([[0, 5460]]);
    expect(parseSlotRanges("0-100,200-300,16383")).toEqual([[0, 100], [200, 300], [16383, 16383]]);
    expect(parseSlotRanges(undefined)).toEqual([]);
    expect(parseSlotRanges("9-3,x")).toEqual([]);
  });
});
