import { DescribeCacheClustersCommand, DescribeReplicationGroupsCommand, ElastiCacheClient, ReplicationGroupNotFoundFault } from "@aws-sdk/client-elasticache";
import { mockClient } from "aws-sdk-client-mock";
import { afterEach, describe, expect, it } from "vitest";
import { classifyAwsError } from "./classify-aws-error";
import { describeMemberClusters, describeReplicationGroup, discoverNodeEndpoints, listReplicationGroups, MEMBER_CLUSTER_CONCURRENCY } from "./elasticache";

const ec = mockClient(ElastiCacheClient);
const clients = { elasticache: new ElastiCacheClient({ region: "eu-west-1", credentials: { accessKeyId: "a", secretAccessKey: "b" } }) };
afterEach(() => ec.reset());

describe("classifyAwsError on the rare branches (mocked SDK)", () => {
  it("maps AWS error codes to operator-facing codes and keeps the AWS code", async () => {
    const cases: Array<[Error, string]> = [
      [new ReplicationGroupNotFoundFault({ message: "ReplicationGroup rg-x not found.", $metadata: { httpStatusCode: 404 } }), "AWS_NOT_FOUND"],
      [Object.assign(new Error("User is not authorized"), { name: "AccessDenied", $metadata: { httpStatusCode: 403 } }), "AWS_ACCESS_DENIED"],
      [Object.assign(new Error("The security token included in the request is invalid."), { name: "InvalidClientTokenId" }), "AWS_ACCESS_DENIED"],
      [Object.assign(new Error("bad"), { name: "UnrecognizedClientException" }), "AWS_ACCESS_DENIED"],
      [Object.assign(new Error("Rate exceeded"), { name: "Throttling", $metadata: { httpStatusCode: 400 } }), "AWS_THROTTLED"],
      [Object.assign(new Error("Invalid state"), { name: "InvalidReplicationGroupStateFault" }), "AWS_ERROR"],
    ];
    for (const [err, code] of cases) {
      ec.reset();
      ec.on(DescribeReplicationGroupsCommand).rejects(err);
      const thrown = await describeReplicationGroup(clients, "rg-x").catch((e) => e);
      expect(thrown.code, err.name).toBe(code);
      expect(thrown.detail.awsCode).toBe(err.name);
      expect(thrown.message).toContain("rg-x");
    }
  });

  it("treats an empty answer as not found", async () => {
    ec.on(DescribeReplicationGroupsCommand).resolves({ ReplicationGroups: [] });
    await expect(describeReplicationGroup(clients, "rg-y")).rejects.toMatchObject({ code: "AWS_NOT_FOUND" });
  });

  it("says when there are no credentials at all", () => {
    const e = classifyAwsError(Object.assign(new Error("Could not load credentials from any providers"), { name: "CredentialsProviderError" }));
    expect(e).toMatchObject({ code: "AWS_ACCESS_DENIED", message: expect.stringMatching(/no AWS credentials/) });
  });
});

describe("listReplicationGroups and discoverNodeEndpoints", () => {
  it("pages through every group for the picker", async () => {
    ec.on(DescribeReplicationGroupsCommand)
      .resolvesOnce({ ReplicationGroups: [{ ReplicationGroupId: "a", Status: "available", NodeGroups: [{}], MemberClusters: ["a-001", "a-002"] }], Marker: "m1" })
      .resolvesOnce({ ReplicationGroups: [{ ReplicationGroupId: "b", ClusterEnabled: true, TransitEncryptionEnabled: true, NodeGroups: [{}, {}, {}] }] });
    const groups = await listReplicationGroups(clients);
    expect(groups.map((g) => [g.id, g.shards, g.members, g.transitEncryption])).toEqual([["a", 1, 2, false], ["b", 3, 0, true]]);
  });

  it("finds primary and replicas, filling endpoints from DescribeCacheClusters", async () => {
    ec.on(DescribeReplicationGroupsCommand).resolves({
      ReplicationGroups: [{
        ReplicationGroupId: "rg", ClusterEnabled: false, MemberClusters: ["rg-001", "rg-002"],
        NodeGroups: [{
          NodeGroupId: "0001", PrimaryEndpoint: { Address: "rg.abc.cache.amazonaws.com", Port: 6379 },
          NodeGroupMembers: [
            { CacheClusterId: "rg-001", CacheNodeId: "0001", CurrentRole: "primary", ReadEndpoint: { Address: "rg-001.abc.cache.amazonaws.com", Port: 6379 } },
            { CacheClusterId: "rg-002", CacheNodeId: "0001", CurrentRole: "replica" },
          ],
        }],
      }],
    });
    ec.on(DescribeCacheClustersCommand, { CacheClusterId: "rg-001" }).resolves({ CacheClusters: [{ CacheClusterId: "rg-001", CacheNodes: [{ CacheNodeId: "0001", Endpoint: { Address: "rg-001.abc.cache.amazonaws.com", Port: 6379 } }] }] });
    ec.on(DescribeCacheClustersCommand, { CacheClusterId: "rg-002" }).resolves({ CacheClusters: [{ CacheClusterId: "rg-002", CacheNodes: [{ CacheNodeId: "0001", Endpoint: { Address: "rg-002.abc.cache.amazonaws.com", Port: 6380 } }] }] });
    const found = await discoverNodeEndpoints(clients, "rg");
    expect(found.primaryEndpoint).toEqual({ host: "rg.abc.cache.amazonaws.com", port: 6379 });
    expect(found.nodes.map((n) => [n.role, n.host, n.port])).toEqual([
      ["primary", "rg-001.abc.cache.amazonaws.com", 6379],
      ["replica", "rg-002.abc.cache.amazonaws.com", 6380],
    ]);
  });

  it("describes a large group's members a few at a time, every member once", async () => {
    const ids = Array.from({ length: 60 }, (_, i) => `big-${String(i + 1).padStart(3, "0")}`);
    let inFlight = 0;
    let peak = 0;
    ec.on(DescribeCacheClustersCommand).callsFake(async (input: { CacheClusterId: string }) => {
      peak = Math.max(peak, ++inFlight);
      await new Promise((resolve) => setImmediate(resolve));
      inFlight--;
      return { CacheClusters: [{ CacheClusterId: input.CacheClusterId }] };
    });
    const clusters = await describeMemberClusters(clients, { ReplicationGroupId: "big", MemberClusters: ids });
    expect(clusters.map((c) => c.CacheClusterId)).toEqual(ids);
    expect(peak).toBe(MEMBER_CLUSTER_CONCURRENCY);
  });
});
