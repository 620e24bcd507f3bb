import "../../test/use-test-db";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CreateReplicationGroupCommand, CreateSnapshotCommand, DescribeReplicationGroupsCommand, DescribeSnapshotsCommand } from "@aws-sdk/client-elasticache";
import { HeadObjectCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import type { Lab } from "../../lab/start-lab";
import { loadDemoData } from "../../lab/demo-data";
import { labClients } from "../../lab/test-clients";
import { pollUntil } from "../../test/test-helpers/poll-until";
import { db } from "../db";
import type { TSessionUser } from "../auth/sessions";
import { registerEndpoint } from "../endpoints/register-endpoint";
import { compareKeyspaces } from "../verify/engine/compare-keyspaces";
import { compareClusterKeyspaces } from "../verify/engine/cluster/compare-cluster-keyspaces";
import { planCleanup } from "../snapshot/plan-cleanup";
import { runCleanup } from "../snapshot/run-cleanup";
import type { TSnapshotOptionsInput } from "../snapshot/snapshot-options";
import { startMigration } from "./intents/start-migration";
import { retryMigration } from "./intents/retry-migration";
import { createMigration } from "../migrations/create-migration";
import { clearPreflight, seedElastiCache, seedSelfManaged, stepsOf, waitForState } from "./test-helpers/fixtures";
import { setUpFlowLab } from "./test-helpers/flow-lab";

const f = setUpFlowLab({
  lab: {
    selfManaged: [{ name: "sm-src", keys: 3_000 }],
    groups: [{ id: "ec-src", nodes: 1, keys: 3_000 }, { id: "ec-src-2", nodes: 1, keys: 200 }],
    buckets: [
      { name: "export-a", account: "A", elastiCacheExportGrants: true },
      { name: "no-grants-a", account: "A", ownership: "BucketOwnerPreferred" },
      { name: "import-b", account: "B", ownership: "BucketOwnerPreferred" },
    ],
  },
});
const credsDir = fs.mkdtempSync(path.join(os.tmpdir(), "ferry-snapshot-creds-"));
let lab: Lab;
let actor: TSessionUser;
const run = f.run;

beforeAll(() => {
  lab = f.lab;
  actor = f.actor;
  // Account A through the default chain (the harness), account B as the profile "lab-b" (as the demo does).
  const file = path.join(credsDir, "credentials");
  fs.writeFileSync(file, `[lab-b]\naws_access_key_id = ${lab.accounts.B.accessKeyId}\naws_secret_access_key = ${lab.accounts.B.secretAccessKey}\n`);
  process.env.AWS_SHARED_CREDENTIALS_FILE = file;
});

afterAll(() => {
  fs.rmSync(credsDir, { recursive: true, force: true });
});

async function targetInB(name: string, groupId: string): Promise<string> {
  return (await registerEndpoint({
    actor,
    input: { kind: "elasticache", name, region: lab.region, replicationGroupId: groupId, credentialKind: "profile", profile: "lab-b", awsEndpointUrl: lab.endpoint, tls: false, roleArn: undefined, externalId: undefined, password: undefined },
  })).id;
}

async function snapshotMigration(sourceId: string, targetGroup: string, options: TSnapshotOptionsInput): Promise<string> {
  const { id } = await createMigration({ actor, name: `snap-${targetGroup}`, strategy: "snapshot", sourceId, targetId: await targetInB(`${targetGroup}-ep`, targetGroup) });
  await db.migration.update({ where: { id }, data: { options: JSON.stringify({ snapshot: options }) } });
  await clearPreflight(id, "snapshot");
  return id;
}

const a = () => labClients(lab, "A");
const b = () => labClients(lab, "B");
const primaryPort = async (ec: ReturnType<typeof labClients>["ec"], id: string) =>
  (await ec.send(new DescribeReplicationGroupsCommand({ ReplicationGroupId: id }))).ReplicationGroups![0].NodeGroups![0].PrimaryEndpoint!.Port!;
const ok = (action: string, groupId?: string) => lab.calls({ action, groupId }).filter((c) => c.status === 200).length;

/** Every key of the source, with its value, in the new group (lib/verify, full values, both directions). */
async function expectSameKeyspace(sourcePort: number, targetPort: number, minKeys = 2_000): Promise<void> {
  const r = await compareKeyspaces({ source: { endpoint: { host: "127.0.0.1", port: sourcePort } }, target: { endpoint: { host: "127.0.0.1", port: targetPort } }, mode: "full", rounds: 1, reverse: true });
  expect(r.mismatchCount).toBe(0);
  expect(r.counts.every((c) => c.keysAgree)).toBe(true);
  expect(r.keysCompared).toBeGreaterThan(minKeys);
}

describe("snapshot flow through the runner against the lab", () => {
  it("self-managed -> ElastiCache: RDB streamed to S3, group seeded with every key; cleanup deletes only the upload", async () => {
    const src = lab.selfManaged[0];
    // Someone else's object in the same bucket: cleanup must leave it alone.
    await b().s3.send(new PutObjectCommand({ Bucket: "import-b", Key: "ferry/theirs.rdb", Body: "not ours" }));
    const id = await snapshotMigration(await seedSelfManaged(actor, "sm-src-ep", src.port), "sm-restored", { importBucket: "import-b", nodeType: "cache.t4g.small", replicasPerNodeGroup: 1 });
    run();
    await startMigration({ actor, migrationId: id });
    await waitForState(id, "completed", 30_000);

    const steps = await stepsOf(id);
    expect(steps.map((s) => `${s.name}:${s.status}`)).toEqual([
      "preflight-ok:done", "baseline-before:done", "snapshot:done", "export:done", "copy:done", "grant:done", "restore:done", "wait-available:done",
      "baseline-after:done", "verify:done", "report:done", "cleanup-offered:done",
    ]);
    const options = JSON.parse((await db.migration.findUniqueOrThrow({ where: { id } })).options!);
    expect(Date.parse(options.snapshotMoment)).toBeLessThanOrEqual(Date.now());
    expect(options.snapshotMomentSource).toMatch(/RDB streamed over replication/);
    await expectSameKeyspace(src.port, await primaryPort(b().ec, "sm-restored"));

    const plan = await planCleanup(id);
    expect(plan.items.map((i) => `${i.kind} ${i.identifier} ${i.deletable}`).sort()).toEqual([
      `object-grant import-b/ferry/${snapshotNamesOf(id)}.rdb#${lab.elastiCacheCanonicalId} true`,
      "replication-group sm-restored false",
      `s3-object import-b/ferry/${snapshotNamesOf(id)}.rdb true`,
    ]);
    const out = await runCleanup({ migrationId: id, resourceIds: plan.items.map((i) => i.id), actor, confirm: true });
    expect(out.map((o) => `${o.kind}:${o.result}`).sort()).toEqual(["object-grant:deleted", "replication-group:skipped", "s3-object:deleted"]);
    await expect(b().s3.send(new HeadObjectCommand({ Bucket: "import-b", Key: `ferry/${snapshotNamesOf(id)}.rdb` }))).rejects.toMatchObject({ name: "NotFound" });
    expect((await b().s3.send(new HeadObjectCommand({ Bucket: "import-b", Key: "ferry/theirs.rdb" }))).ContentLength).toBe(8);
    expect((await primaryPort(b().ec, "sm-restored")) > 0).toBe(true);
    expect(await db.event.count({ where: { migrationId: id, type: "cleanup.deleted" } })).toBe(2);
  });

  it("ElastiCache A -> B: a runner killed right after CopySnapshot is resumed by another with exactly one CreateSnapshot; every key arrives; cleanup removes exactly what was created", async () => {
    // Unrelated things in account A that look alike: they must survive cleanup.
    await a().ec.send(new CreateSnapshotCommand({ ReplicationGroupId: "ec-src", SnapshotName: "someone-elses" }));
    await pollUntil("their snapshot", async () => (await a().ec.send(new DescribeSnapshotsCommand({ SnapshotName: "someone-elses" }))).Snapshots?.[0].SnapshotStatus === "available");
    await a().s3.send(new PutObjectCommand({ Bucket: "export-a", Key: "someone-elses-0001.rdb", Body: "keep me" }));
    const before = ok("CreateSnapshot", "ec-src");

    const sourceId = await seedElastiCache(actor, "ec-src-ep", lab, "ec-src");
    const id = await snapshotMigration(sourceId, "ec-restored", { exportBucket: "export-a", importBucket: "import-b", confirmCrossAccountGrant: true });
    const first = run({ crashAfter: "CopySnapshot" });
    await startMigration({ actor, migrationId: id });
    await pollUntil("the first runner to die mid-export", async () => first.crashed, { timeoutMs: 20_000 });
    await first.stop({ releaseLeases: false });
    // Mid-export: "waiting" when an earlier pass met a transient failure and was retried (a loaded machine).
    expect(["running", "waiting"]).toContain((await stepsOf(id)).find((s) => s.name === "export")?.status);

    run();
    await waitForState(id, "completed", 30_000);
    expect(ok("CreateSnapshot", "ec-src") - before).toBe(1);
    expect(lab.calls({ action: "CopySnapshot" }).filter((c) => c.status === 200)).toHaveLength(1);
    await expectSameKeyspace(await primaryPort(a().ec, "ec-src"), await primaryPort(b().ec, "ec-restored"));

    const plan = await planCleanup(id);
    const name = snapshotNamesOf(id);
    expect(plan.items.filter((i) => i.deletable).map((i) => `${i.side} ${i.kind} ${i.identifier}`).sort()).toEqual([
      `source object-grant export-a/${name}-export-0001.rdb#${lab.accounts.B.canonicalId}`,
      `source s3-object export-a/${name}-export-0001.rdb`,
      `source snapshot ${name}`,
      `target object-grant import-b/ferry/${name}-export-0001.rdb#${lab.elastiCacheCanonicalId}`,
      `target s3-object import-b/ferry/${name}-export-0001.rdb`,
    ]);
    const out = await runCleanup({ migrationId: id, resourceIds: plan.items.map((i) => i.id), actor, confirm: true });
    expect(out.filter((o) => o.result === "deleted")).toHaveLength(5);
    expect((await planCleanup(id)).items.filter((i) => i.deletable)).toEqual([]);
    const snaps = (await a().ec.send(new DescribeSnapshotsCommand({ ReplicationGroupId: "ec-src" }))).Snapshots!.map((s) => s.SnapshotName);
    expect(snaps).toEqual(["someone-elses"]);
    expect((await a().s3.send(new HeadObjectCommand({ Bucket: "export-a", Key: "someone-elses-0001.rdb" }))).ContentLength).toBe(7);
    expect((await primaryPort(b().ec, "ec-restored")) > 0).toBe(true);
  });

  it("an export bucket without ElastiCache's grants stops the export with AWS's message and the fix; the operator's confirmation fixes it on Retry", async () => {
    const id = await snapshotMigration(await seedElastiCache(actor, "ec-src-2-ep", lab, "ec-src-2"), "grants-restored", { exportBucket: "no-grants-a", importBucket: "import-b", confirmCrossAccountGrant: true });
    run();
    await startMigration({ actor, migrationId: id });
    await waitForState(id, "failed", 20_000);
    const err = JSON.parse((await db.migration.findUniqueOrThrow({ where: { id } })).lastError!);
    expect(err.step).toBe("export");
    expect(err.message).toContain('"ElastiCache has not been granted READ permissions no-grants-a on the S3 Bucket."');
    expect(err.message).toContain(`--grant-read id=${lab.elastiCacheCanonicalId}`);

    const m = await db.migration.findUniqueOrThrow({ where: { id } });
    const all = JSON.parse(m.options!);
    await db.migration.update({ where: { id }, data: { options: JSON.stringify({ ...all, snapshot: { ...all.snapshot, confirmExportBucketGrants: true } }) } });
    await retryMigration({ actor, migrationId: id });
    await waitForState(id, "completed", 30_000);
    const plan = await planCleanup(id);
    expect(plan.items.some((i) => i.kind === "bucket-grant" && i.identifier === `no-grants-a/#${lab.elastiCacheCanonicalId}` && i.deletable)).toBe(true);
  });

  it("a two-shard source gives two RDB files, both exported, copied and passed as SnapshotArns: each shard of the new group has its keys", async () => {
    await a().ec.send(new CreateReplicationGroupCommand({ ReplicationGroupId: "ec-sharded", ReplicationGroupDescription: "two shards", NumNodeGroups: 2, ReplicasPerNodeGroup: 0 }));
    const ready = await pollUntil("the sharded source", async () => {
      const g = (await a().ec.send(new DescribeReplicationGroupsCommand({ ReplicationGroupId: "ec-sharded" }))).ReplicationGroups![0];
      return g.Status === "available" && g;
    });
    // Cluster mode: no per-shard endpoint; keys go through the configuration endpoint to the shard owning their slot.
    const sourcePort = ready.ConfigurationEndpoint!.Port!;
    await loadDemoData({ port: sourcePort, keys: 800, cluster: true, bigKeyElements: 50, seed: 1 });

    const id = await snapshotMigration(await seedElastiCache(actor, "ec-sharded-ep", lab, "ec-sharded"), "sharded-restored", { exportBucket: "export-a", importBucket: "import-b", confirmCrossAccountGrant: true });
    run();
    await startMigration({ actor, migrationId: id });
    await waitForState(id, "completed", 30_000);
    const restore = JSON.parse((await stepsOf(id)).find((s) => s.name === "restore")!.detail!);
    const name = snapshotNamesOf(id);
    expect(restore.snapshotArns).toEqual([`arn:aws:s3:::import-b/ferry/${name}-export-0001.rdb`, `arn:aws:s3:::import-b/ferry/${name}-export-0002.rdb`]);
    expect(restore.numNodeGroups).toBe(2);
    const restored = (await b().ec.send(new DescribeReplicationGroupsCommand({ ReplicationGroupId: "sharded-restored" }))).ReplicationGroups![0];
    expect(restored.NodeGroups!.map((g) => g.Slots)).toEqual(ready.NodeGroups!.map((g) => g.Slots));
    const r = await compareClusterKeyspaces({ source: { host: "127.0.0.1", port: sourcePort }, target: { host: "127.0.0.1", port: restored.ConfigurationEndpoint!.Port! }, rounds: 1, roundDelayMs: 0, reverse: true });
    expect([r.mismatchCount, r.layout.sourceShards, r.layout.targetShards]).toEqual([0, 2, 2]);
    expect(r.keysCompared).toBeGreaterThan(800);
  });

  it("a snapshot that never becomes available fails the step with a clear timeout", async () => {
    const fault = lab.faults.add({ kind: "stuck-snapshot" });
    try {
      const id = await snapshotMigration(await seedElastiCache(actor, "ec-src-2-stuck", lab, "ec-src-2"), "never-restored", { exportBucket: "export-a", importBucket: "import-b", confirmCrossAccountGrant: true, snapshotTimeoutMinutes: 0.01 });
      run();
      await startMigration({ actor, migrationId: id });
      await waitForState(id, "failed", 20_000);
      const err = JSON.parse((await db.migration.findUniqueOrThrow({ where: { id } })).lastError!);
      expect(err.step).toBe("snapshot");
      expect(err.message).toMatch(new RegExp(`^Snapshot ${snapshotNamesOf(id)} did not become available within 0\\.6 s \\(still "creating" after`));
    } finally {
      lab.faults.remove(fault);
    }
  });
});

function snapshotNamesOf(migrationId: string): string {
  return `ferry-${migrationId.toLowerCase().replace(/[^a-z0-9]/g, "").slice(-12)}`;
}
