import { describe, expect, it } from "vitest";
import { elastiCacheOnlineTargetChecks } from "./elasticache-checks";
import { byId, ecFacts, goodReplicationGroup } from "./test-helpers/facts";

const run = (...args: Parameters<typeof ecFacts>) => elastiCacheOnlineTargetChecks(ecFacts(...args));

describe("ElastiCache online-migration target checks on SDK-shaped objects", () => {
  it("passes a group that meets every documented prerequisite", () => {
    const checks = run();
    expect(checks.every((c) => c.status === "pass")).toBe(true);
    expect(checks.map((c) => c.id)).toEqual([
      "target.engine-version", "target.status", "target.transit-encryption", "target.multi-az",
      "target.global-datastore", "target.data-tiering", "target.node-type", "target.serverless",
    ]);
    expect(checks.every((c) => c.fix === "" && c.why.length > 20)).toBe(true);
  });

  it("fails in-transit encryption with the evidence and the CLI fix", () => {
    const c = byId(run(goodReplicationGroup({ TransitEncryptionEnabled: true, TransitEncryptionMode: "required" })), "target.transit-encryption");
    expect(c).toMatchObject({ status: "fail", side: "target", evidence: "TransitEncryptionEnabled is true (mode required)." });
    expect(c.fix).toContain("--no-transit-encryption-enabled");
  });

  it("fails Multi-AZ off", () => {
    const c = byId(run(goodReplicationGroup({ MultiAZ: "disabled", AutomaticFailover: "disabled" })), "target.multi-az");
    expect(c).toMatchObject({ status: "fail", evidence: 'MultiAZ is "disabled", automatic failover "disabled".' });
    expect(c.fix).toContain("--multi-az-enabled");
  });

  it("fails Redis older than 5.0.5 (5.0.6 in cluster mode) and accepts Valkey", () => {
    expect(byId(run(undefined, "5.0.4"), "target.engine-version").status).toBe("fail");
    expect(byId(run(undefined, "5.0.5"), "target.engine-version").status).toBe("pass");
    expect(byId(run(goodReplicationGroup({ ClusterEnabled: true }), "5.0.5"), "target.engine-version").status).toBe("fail");
    expect(byId(run(goodReplicationGroup({ Engine: "valkey" }), "8.0"), "target.engine-version").status).toBe("pass");
    expect(byId(elastiCacheOnlineTargetChecks({ replicationGroup: goodReplicationGroup(), memberClusters: [] }), "target.engine-version").status).toBe("unknown");
  });

  it("fails Global Datastore members, data tiering, r6gd nodes, a migrating group and a serverless cache", () => {
    expect(byId(run(goodReplicationGroup({ GlobalReplicationGroupInfo: { GlobalReplicationGroupId: "ldgnf-global", GlobalReplicationGroupMemberRole: "SECONDARY" } })), "target.global-datastore"))
      .toMatchObject({ status: "fail", evidence: expect.stringContaining("ldgnf-global") });
    expect(byId(run(goodReplicationGroup({ DataTiering: "enabled" })), "target.data-tiering").status).toBe("fail");
    expect(byId(run(goodReplicationGroup({ CacheNodeType: "cache.r6gd.xlarge" })), "target.node-type")).toMatchObject({ status: "fail", evidence: "Node type cache.r6gd.xlarge." });
    expect(byId(run(goodReplicationGroup({ Status: "migrating" })), "target.status")).toMatchObject({ status: "fail", fix: expect.stringContaining("CompleteMigration") });
    const serverless = elastiCacheOnlineTargetChecks({ ...ecFacts(), serverlessCache: { ServerlessCacheName: "ferry-target" } });
    expect(byId(serverless, "target.serverless").status).toBe("fail");
  });
});
