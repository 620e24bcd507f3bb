import { beforeAll, describe, expect, it } from "vitest";
import { startRedis, type RedisProcess } from "../../lab/redis-process";
import { openRedis } from "../redis/connect";
import { evaluatePreflight } from "./evaluate-preflight";
import type { RedisFacts } from "./redis-facts";
import { byId, ecEndpoint, ecFacts, factsOf, goodReplicationGroup, redisEndpoint } from "./test-helpers/facts";

let source: RedisFacts;
beforeAll(async () => {
  const s: RedisProcess = await startRedis({ name: "pair-src", args: ["--protected-mode", "no", "--enable-debug-command", "yes"] });
  const c = openRedis({ host: s.host, port: s.port }, { role: "target" });
  await c.call("DEBUG", "POPULATE", "20000", "k", "200");
  c.disconnect();
  source = await factsOf(s);
});

const online = (rg = goodReplicationGroup()) => evaluatePreflight({ strategy: "online", source: redisEndpoint(source), target: ecEndpoint(ecFacts(rg)) });

describe("pairing checks: a real source against SDK-shaped targets", () => {
  it("fails a wrong shard count with both counts in the evidence", () => {
    const rg = goodReplicationGroup({ NodeGroups: [{ NodeGroupId: "0001" }, { NodeGroupId: "0002" }, { NodeGroupId: "0003" }] });
    expect(byId(online(rg), "pairing.shards")).toMatchObject({ status: "fail", evidence: "source 1 shard(s), target 3 shard(s)." });
    expect(byId(online(), "pairing.shards").status).toBe("pass");
  });

  it("fails cluster mode mismatch", () => {
    expect(byId(online(goodReplicationGroup({ ClusterEnabled: true })), "pairing.cluster-mode").status).toBe("fail");
  });

  it("checks memory headroom against the node type when the target's INFO is out of reach", () => {
    const tiny = byId(online(goodReplicationGroup({ CacheNodeType: "cache.t4g.micro" })), "pairing.memory");
    expect(tiny.status).toBe("pass"); // ~5 MB of data fits in 0.5 GiB
    expect(tiny.evidence).toMatch(/estimate for cache\.t4g\.micro/);
    const unknown = byId(online(goodReplicationGroup({ CacheNodeType: "cache.x99.huge" })), "pairing.memory");
    expect(unknown.status).toBe("unknown");
    // A target node with a small maxmemory fails.
    const withNode = evaluatePreflight({
      strategy: "online",
      source: redisEndpoint(source),
      target: { kind: "elasticache", elasticache: ecFacts(), redis: { ...source, info: { ...source.info, fields: { ...source.info.fields, maxmemory: "1000000" } } } },
    });
    expect(byId(withNode, "pairing.memory")).toMatchObject({ status: "fail", evidence: expect.stringMatching(/maxmemory of a target node/) });
  });

  it("refuses online migration out of ElastiCache, and REPLICAOF into it", () => {
    const ec2ec = evaluatePreflight({ strategy: "online", source: ecEndpoint(), target: ecEndpoint() });
    expect(byId(ec2ec, "strategy.supported").status).toBe("fail");
    const replicaofEc = evaluatePreflight({ strategy: "replicaof", source: redisEndpoint(source), target: ecEndpoint() });
    expect(byId(replicaofEc, "strategy.supported").status).toBe("fail");
  });

  it("refuses REPLICAOF when both ends are the same server, whatever the addresses say", async () => {
    const s = await startRedis({ name: "pair-self" });
    const asSource = await factsOf(s);
    const asTarget = await factsOf({ ...s, host: "localhost" });
    const self = evaluatePreflight({ strategy: "replicaof", source: redisEndpoint(asSource), target: redisEndpoint(asTarget) });
    expect(byId(self, "pairing.distinct-servers")).toMatchObject({ status: "fail", evidence: expect.stringMatching(/^127\.0\.0\.1:\d+ and localhost:\d+ are the same server/) });
    const other = evaluatePreflight({ strategy: "replicaof", source: redisEndpoint(source), target: redisEndpoint(asTarget) });
    expect(byId(other, "pairing.distinct-servers").status).toBe("pass");
  });
});
