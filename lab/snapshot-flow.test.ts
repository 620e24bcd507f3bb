import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  CopySnapshotCommand, CreateReplicationGroupCommand, CreateSnapshotCommand, DeleteSnapshotCommand, DescribeReplicationGroupsCommand,
  DescribeSnapshotsCommand,
} from "@aws-sdk/client-elasticache";
import { CopyObjectCommand, PutBucketOwnershipControlsCommand, PutObjectAclCommand, CreateBucketCommand } from "@aws-sdk/client-s3";
import { startLab, type Lab } from "./start-lab";
import { labClients, redisAt, totalKeys, waitFor } from "./test-clients";

let lab: Lab;
beforeAll(async () => {
  lab = await startLab({
    groups: [{ id: "src", nodes: 1, keys: 1500 }],
    buckets: [
      { name: "export-a", account: "A", elastiCacheExportGrants: true },
      { name: "no-grants-a", account: "A", ownership: "BucketOwnerPreferred" },
    ],
  });
});
afterAll(async () => lab?.stop());

describe("cross-account snapshot flow", () => {
  it("CopySnapshot to a bucket without ElastiCache's grants fails with AWS's message", async () => {
    const { ec } = labClients(lab);
    await ec.send(new CreateSnapshotCommand({ ReplicationGroupId: "src", SnapshotName: "s0" }));
    await waitFor("snapshot", async () => (await ec.send(new DescribeSnapshotsCommand({ SnapshotName: "s0" }))).Snapshots?.[0].SnapshotStatus === "available");
    const err = await ec.send(new CopySnapshotCommand({ SourceSnapshotName: "s0", TargetSnapshotName: "x", TargetBucket: "no-grants-a" })).catch((e) => e);
    expect(err.name).toBe("InvalidParameterValueException");
    expect(err.message).toBe("ElastiCache has not been granted READ permissions no-grants-a on the S3 Bucket.");
    const missing = await ec.send(new CopySnapshotCommand({ SourceSnapshotName: "s0", TargetSnapshotName: "x", TargetBucket: "nope" })).catch((e) => e);
    expect(missing.message).toBe("The S3 bucket nope does not exist.");
    const notFound = await ec.send(new DeleteSnapshotCommand({ SnapshotName: "ghost" })).catch((e) => e);
    expect([notFound.name, notFound.$metadata.httpStatusCode]).toEqual(["SnapshotNotFoundFault", 404]);
  });

  it("snapshot -> export -> S3 copy to account B -> CreateReplicationGroup(SnapshotArns) boots with the same keys", async () => {
    const a = labClients(lab, "A");
    const b = labClients(lab, "B");
    const source = redisAt((await a.ec.send(new DescribeReplicationGroupsCommand({ ReplicationGroupId: "src" }))).ReplicationGroups![0].NodeGroups![0].PrimaryEndpoint!.Port!);
    const expected = await totalKeys(source);
    expect(expected).toBeGreaterThan(1500);

    const created = await a.ec.send(new CreateSnapshotCommand({ ReplicationGroupId: "src", SnapshotName: "s1" }));
    expect(created.Snapshot?.SnapshotStatus).toBe("creating");
    const snap = await waitFor("snapshot available", async () => {
      const s = (await a.ec.send(new DescribeSnapshotsCommand({ ReplicationGroupId: "src", SnapshotName: "s1" }))).Snapshots?.[0];
      return s?.SnapshotStatus === "available" && s;
    });
    expect(snap.NodeSnapshots?.[0].CacheClusterId).toBe("src-001");

    await a.ec.send(new CopySnapshotCommand({ SourceSnapshotName: "s1", TargetSnapshotName: "export1", TargetBucket: "export-a" }));
    await waitFor("exported", async () => (await a.ec.send(new DescribeSnapshotsCommand({ SnapshotName: "s1" }))).Snapshots?.[0].SnapshotStatus === "available");
    const dup = await a.ec.send(new CopySnapshotCommand({ SourceSnapshotName: "s1", TargetSnapshotName: "export1", TargetBucket: "export-a" })).catch((e) => e);
    expect(dup.message).toBe("The S3 bucket export-a already contains an object with key export1-0001.rdb.");

    // Account B cannot read A's export until A grants it.
    await b.s3.send(new CreateBucketCommand({ Bucket: "import-b" }));
    const denied = await b.s3.send(new CopyObjectCommand({ Bucket: "import-b", Key: "seed.rdb", CopySource: "export-a/export1-0001.rdb" })).catch((e) => e);
    expect([denied.name, denied.$metadata.httpStatusCode]).toEqual(["AccessDenied", 403]);
    await a.s3.send(new PutObjectAclCommand({ Bucket: "export-a", Key: "export1-0001.rdb", GrantRead: `id="${lab.accounts.B.canonicalId}"`, GrantFullControl: `id="${lab.accounts.A.canonicalId}"` }));
    await b.s3.send(new CopyObjectCommand({ Bucket: "import-b", Key: "seed.rdb", CopySource: "export-a/export1-0001.rdb" }));

    // Seeding needs ElastiCache's READ on the object, which needs ACLs enabled on B's bucket.
    const arn = "arn:aws:s3:::import-b/seed.rdb";
    const noRead = await b.ec.send(new CreateReplicationGroupCommand({ ReplicationGroupId: "restored", ReplicationGroupDescription: "r", SnapshotArns: [arn] })).catch((e) => e);
    expect(noRead.name).toBe("InvalidParameterValueException");
    const enforced = await b.s3.send(new PutObjectAclCommand({ Bucket: "import-b", Key: "seed.rdb", GrantRead: `id="${lab.elastiCacheCanonicalId}"` })).catch((e) => e);
    expect(enforced.name).toBe("AccessControlListNotSupported");
    await b.s3.send(new PutBucketOwnershipControlsCommand({ Bucket: "import-b", OwnershipControls: { Rules: [{ ObjectOwnership: "BucketOwnerPreferred" }] } }));
    await b.s3.send(new PutObjectAclCommand({ Bucket: "import-b", Key: "seed.rdb", GrantRead: `id="${lab.elastiCacheCanonicalId}"`, GrantFullControl: `id="${lab.accounts.B.canonicalId}"` }));

    const rg = await b.ec.send(new CreateReplicationGroupCommand({ ReplicationGroupId: "restored", ReplicationGroupDescription: "r", SnapshotArns: [arn], NumCacheClusters: 2, MultiAZEnabled: true }));
    expect(rg.ReplicationGroup?.Status).toBe("creating");
    expect(rg.ReplicationGroup?.MemberClusters).toEqual(["restored-001", "restored-002"]);
    const ready = await waitFor("restored available", async () => {
      const g = (await b.ec.send(new DescribeReplicationGroupsCommand({ ReplicationGroupId: "restored" }))).ReplicationGroups![0];
      return g.Status === "available" && g;
    });
    expect(ready.MultiAZ).toBe("enabled");
    const restored = redisAt(ready.NodeGroups![0].PrimaryEndpoint!.Port!);
    expect(await totalKeys(restored)).toBe(expected);
    expect(await restored.hlen("big:hash:catalog")).toBe(await source.hlen("big:hash:catalog"));
    restored.disconnect();
    source.disconnect();
  });
});
