import "../../test/use-test-db";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../db";
import { seedUser } from "../users/test-helpers/seed-user";
import { getMigration } from "../migrations/get-migration";
import { writeMigrationOptions } from "../migrations/migration-record";
import { startMigration } from "../flows/intents/start-migration";
import { getRunView } from "../flows/get-run-view";
import { ZSnapshotOptions, type TSnapshotOptionsInput } from "../snapshot/snapshot-options";
import { snapshotOptionChecks } from "./snapshot-option-checks";
import { check } from "./types";

const actor = { id: "u1", email: "op@example.com", name: "Op", role: "operator" };
const opts = (o: TSnapshotOptionsInput) => ZSnapshotOptions.parse(o);
const missingGrants = check("target.bucket-grants:export-a", "source", "ElastiCache is granted access to the bucket", "fail", "no grants", "why", "fix");
const statuses = (checks: ReturnType<typeof snapshotOptionChecks>) => Object.fromEntries(checks.map((c) => [c.id, c.status]));

describe("snapshot pre-flight predicts what the copy and export steps need", () => {
  it("fails without options and links the fix to the migration's snapshot page", () => {
    const [c] = snapshotOptionChecks({ migrationId: "m1", options: null, fromElastiCache: true, bucketChecks: [] });
    expect(c).toMatchObject({ id: "snapshot.options", status: "fail", fixLink: { href: "/migrations/m1/snapshot" } });
    expect(c.why).toContain("export bucket");
  });

  it("a cluster-mode target is explained with its slot split; a cluster-mode-disabled one gets no such check", () => {
    const two = snapshotOptionChecks({ migrationId: "m1", options: opts({ importBucket: "import-b", numNodeGroups: 2, replicasPerNodeGroup: 1 }), fromElastiCache: false, bucketChecks: [] });
    const c = two.find((x) => x.id === "snapshot.cluster-target");
    expect(c?.evidence).toContain("2 shard(s) with 1 replica(s) each (slots 0001: 0-8191, 0002: 8192-16383)");
    expect(c?.evidence).toContain("Only database 0 exists in cluster mode");
    const plain = snapshotOptionChecks({ migrationId: "m1", options: opts({ importBucket: "import-b" }), fromElastiCache: false, bucketChecks: [] });
    expect(plain.map((x) => x.id)).not.toContain("snapshot.cluster-target");
  });

  it("with only the two buckets set, fails on the cross-account grant and on the export grants the bucket lacks", () => {
    const checks = snapshotOptionChecks({ migrationId: "m1", options: opts({ exportBucket: "export-a", importBucket: "import-b" }), fromElastiCache: true, bucketChecks: [missingGrants] });
    expect(statuses(checks)).toEqual({ "snapshot.options": "pass", "snapshot.cross-account-grant": "fail", "snapshot.export-grants": "fail" });
    expect(checks.find((c) => c.id === "snapshot.cross-account-grant")?.fix).toContain("Grant the target account READ on the exported RDB files");
  });

  it("passes once both are confirmed; needs no cross-account grant for one bucket or a self-managed source", () => {
    const confirmed = opts({ exportBucket: "export-a", importBucket: "import-b", confirmCrossAccountGrant: true, confirmExportBucketGrants: true });
    expect(statuses(snapshotOptionChecks({ migrationId: "m1", options: confirmed, fromElastiCache: true, bucketChecks: [missingGrants] })))
      .toEqual({ "snapshot.options": "pass", "snapshot.cross-account-grant": "pass", "snapshot.export-grants": "pass" });
    expect(statuses(snapshotOptionChecks({ migrationId: "m1", options: opts({ exportBucket: "same", importBucket: "same" }), fromElastiCache: true, bucketChecks: [] })))
      .toEqual({ "snapshot.options": "pass" });
    expect(statuses(snapshotOptionChecks({ migrationId: "m1", options: opts({ importBucket: "import-b" }), fromElastiCache: false, bucketChecks: [] })))
      .toEqual({ "snapshot.options": "pass" });
  });
});

describe("Start waits for the snapshot options, whatever the stored pre-flight says", () => {
  let id: string;
  beforeAll(async () => {
    await seedUser({ id: actor.id, email: actor.email, role: "operator" });
    const ec = (name: string) => db.endpoint.create({ data: { name, kind: "elasticache", region: "us-east-1", replicationGroupId: name, credentialKind: "default" } });
    const [src, tgt] = [await ec("src-group"), await ec("tgt-group")];
    ({ id } = await db.migration.create({ data: { name: "snap", strategy: "snapshot", sourceId: src.id, targetId: tgt.id } }));
    // A passing (or overridden) run from before the options were looked at.
    await db.preflightRun.create({ data: { migrationId: id, strategy: "snapshot", checks: "[]", summary: JSON.stringify({ pass: 5, warn: 0, fail: 0, unknown: 0 }), overrideReason: "overridden before" } });
  });

  it("is not offered and is refused while the grant confirmation is missing, then offered once it is saved", async () => {
    await db.migration.update({ where: { id }, data: { options: writeMigrationOptions({ snapshot: opts({ exportBucket: "export-a", importBucket: "import-b" }) }) } });
    expect(await getMigration(id)).toMatchObject({ preflightCleared: false, startBlockers: [expect.objectContaining({ id: "snapshot.cross-account-grant" })] });
    expect((await getRunView(id)).startBlockers[0].fixLink?.href).toBe(`/migrations/${id}/snapshot`);
    await expect(startMigration({ actor, migrationId: id })).rejects.toMatchObject({ code: "PREFLIGHT_FAILED", message: expect.stringContaining("snapshot page") });

    await db.migration.update({ where: { id }, data: { options: writeMigrationOptions({ snapshot: opts({ exportBucket: "export-a", importBucket: "import-b", confirmCrossAccountGrant: true }) }) } });
    expect(await getRunView(id)).toMatchObject({ canStart: true, startBlockers: [] });
  });
});
