import "../../test/use-test-db";
import { describe, expect, it } from "vitest";
import { DescribeReplicationGroupsCommand } from "@aws-sdk/client-elasticache";
import { loadDemoData } from "../../lab/demo-data";
import { labClients } from "../../lab/test-clients";
import { db } from "../db";
import { registerEndpoint } from "../endpoints/register-endpoint";
import { compareClusterKeyspaces } from "../verify/engine/cluster/compare-cluster-keyspaces";
import type { TSnapshotOptionsInput } from "../snapshot/snapshot-options";
import { createMigration } from "../migrations/create-migration";
import { startMigration } from "./intents/start-migration";
import { clearPreflight, seedSelfManaged, stepsOf, waitForState } from "./test-helpers/fixtures";
import { setUpFlowLab } from "./test-helpers/flow-lab";

const f = setUpFlowLab({
  lab: {
    selfManaged: [{ name: "sm-cluster", keys: 3_000, cluster: { shards: 3, replicasPerShard: 0 } }, { name: "sm-single" }],
    buckets: [{ name: "import-a", account: "A", ownership: "BucketOwnerPreferred" }],
  },
});

async function snapshotMigration(sourceId: string, targetGroup: string, options: TSnapshotOptionsInput): Promise<string> {
  const lab = f.lab;
  const target = await registerEndpoint({
    actor: f.actor,
    input: { kind: "elasticache", name: `${targetGroup}-ep`, region: lab.region, replicationGroupId: targetGroup, credentialKind: "default", awsEndpointUrl: lab.endpoint, tls: false, roleArn: undefined, externalId: undefined, password: undefined, profile: undefined },
  });
  const { id } = await createMigration({ actor: f.actor, name: `snap-${targetGroup}`, strategy: "snapshot", sourceId, targetId: target.id });
  await db.migration.update({ where: { id }, data: { options: JSON.stringify({ snapshot: options }) } });
  await clearPreflight(id, "snapshot");
  return id;
}

/** Runs the flow to completion and verifies the new group against the source (every key, both ways). */
async function restoreAndVerify(sourcePort: number, targetGroup: string, options: TSnapshotOptionsInput) {
  const id = await snapshotMigration(await seedSelfManaged(f.actor, `${targetGroup}-src`, sourcePort), targetGroup, options);
  f.run();
  await startMigration({ actor: f.actor, migrationId: id });
  await waitForState(id, "completed", 60_000);
  const steps = await stepsOf(id);
  const detail = (name: string) => JSON.parse(steps.find((s) => s.name === name)!.detail!);
  const group = (await labClients(f.lab).ec.send(new DescribeReplicationGroupsCommand({ ReplicationGroupId: targetGroup }))).ReplicationGroups![0];
  const verdict = await compareClusterKeyspaces({
    source: { host: "127.0.0.1", port: sourcePort }, target: { host: "127.0.0.1", port: group.ConfigurationEndpoint!.Port! },
    rounds: 1, roundDelayMs: 0, reverse: true,
  });
  return { snapshot: detail("snapshot"), restore: detail("restore"), group, verdict };
}

describe("snapshot flow into a cluster-mode-enabled target", () => {
  it("a self-managed 3-shard cluster: one RDB per primary, a 3-shard target with the source's slots, verification PASS", async () => {
    const src = f.lab.selfManaged[0];
    const r = await restoreAndVerify(src.port, "three-shards", { importBucket: "import-a", nodeType: "cache.t4g.small", replicasPerNodeGroup: 0 });
    expect(r.snapshot.seedKeys).toHaveLength(3);
    expect(r.snapshot.sourceSlots).toEqual(src.shards!.map((s) => s.slots.join("-")));
    expect(r.restore.clusterMode).toBe(true);
    expect(r.restore.plan).toMatch(/3 shard\(s\) with 0 replica\(s\) each .*as on the source\) and loads from the 3 RDB file\(s\)/);
    expect(r.group.ClusterEnabled).toBe(true);
    expect(r.group.NodeGroups!.map((g) => g.Slots)).toEqual(r.snapshot.sourceSlots);
    expect(r.verdict.layout).toMatchObject({ source: "cluster", target: "cluster", sourceShards: 3, targetShards: 3 });
    expect(r.verdict.mismatchCount).toBe(0);
    expect(r.verdict.keysCompared).toBeGreaterThan(3_000);
  }, 120_000);

  it("a single node -> a 2-shard target chosen by the operator: the plan shows the slot split, verification PASS", async () => {
    const src = f.lab.selfManaged[1];
    await loadDemoData({ port: src.port, keys: 1_500, dbs: [0], bigKeyElements: 200, seed: 7 });
    const r = await restoreAndVerify(src.port, "two-shards", { importBucket: "import-a", nodeType: "cache.t4g.small", clusterMode: true, numNodeGroups: 2, replicasPerNodeGroup: 1 });
    expect(r.snapshot.seedKeys).toHaveLength(1);
    expect(r.restore.slots).toEqual(["0-8191", "8192-16383"]);
    expect(r.restore.plan).toContain("slots 0001: 0-8191, 0002: 8192-16383");
    expect(r.group.NodeGroups!.map((g) => [g.Slots, g.NodeGroupMembers!.length])).toEqual([["0-8191", 2], ["8192-16383", 2]]);
    expect(r.verdict.layout).toMatchObject({ source: "single", target: "cluster", targetShards: 2 });
    expect(r.verdict.mismatchCount).toBe(0);
    expect(r.verdict.keysCompared).toBeGreaterThan(1_500);
  }, 120_000);
});
