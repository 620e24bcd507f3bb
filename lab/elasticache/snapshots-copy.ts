import fs from "node:fs";
import { ELASTICACHE_CANONICAL_ID } from "../accounts";
import { groupKey } from "../context";
import { ApiError, invalidParameterValue } from "../http/api-error";
import { hasGrant, ownerFull, type Permission } from "../s3/acl";
import type { Bucket } from "../s3/store";
import { findSnapshot, type EcCall, type EcHandler } from "./handler-types";
import { renderSnapshot } from "./render";
import { snapshotFile, snapshotName } from "./snapshots-create";
import type { Snapshot } from "./state";

/** CopySnapshot: a copy inside the account, or with TargetBucket an export of the RDBs to S3. */
export const copySnapshot: EcHandler = async (c) => {
  const source = findSnapshot(c, c.params.required("SourceSnapshotName"));
  const target = snapshotName(c.params.required("TargetSnapshotName"));
  c.note.groupId = source.group.id;
  if (source.status !== "available") {
    throw new ApiError("InvalidSnapshotState", `Snapshot ${source.name} is not in available state (current: ${source.status}).`);
  }
  const bucketName = c.params.str("TargetBucket");
  return bucketName ? exportToS3(c, source, target, bucketName) : copyInAccount(c, source, target);
};

function exportToS3(c: EcCall, source: Snapshot, target: string, bucketName: string): string {
  if (source.group.dataTiering) throw invalidParameterValue("Exporting snapshots of clusters using data tiering is not supported.");
  const bucket = checkExportBucket(c, bucketName);
  const keys = source.nodes.map((_, i) => `${target}-${String(i + 1).padStart(4, "0")}.rdb`);
  for (const key of keys) {
    if (bucket.objects.has(key)) throw invalidParameterValue(`The S3 bucket ${bucketName} already contains an object with key ${key}.`);
  }
  source.status = "copying";
  c.ctx.later(c.ctx.delays.snapshot, async () => {
    for (const [i, n] of source.nodes.entries()) {
      const { file, size, md5 } = await c.ctx.s3.writeFile(fs.createReadStream(n.rdbFile));
      c.ctx.s3.putObject(bucket, {
        key: keys[i], file, size, etag: `"${md5}"`,
        contentType: "application/octet-stream", owner: bucket.ownerId,
        acl: [ownerFull(bucket.ownerId), ownerFull(ELASTICACHE_CANONICAL_ID)], metadata: {},
      });
    }
    source.status = "available";
    c.ctx.event({ accountId: c.account.accountId, sourceId: source.name, sourceType: "snapshot",
      message: `Snapshot ${source.name} exported to S3 bucket ${bucketName} as ${keys.join(", ")}` });
  });
  return renderSnapshot(source, c.ctx.region);
}

/** The checks and messages AWS documents for CopySnapshot to S3, in the order it reports them. */
function checkExportBucket(c: EcCall, name: string): Bucket {
  const bucket = c.ctx.s3.buckets.get(name);
  if (!bucket) throw invalidParameterValue(`The S3 bucket ${name} does not exist.`);
  if (bucket.region !== c.ctx.region) throw invalidParameterValue(`The S3 bucket ${name} is outside of the region.`);
  if (bucket.ownerId !== c.account.canonicalId) throw invalidParameterValue(`The S3 bucket ${name} is not owned by the authenticated user.`);
  // ACLs are ignored while Object Ownership is BucketOwnerEnforced, so no grant can count.
  const acl = bucket.ownership === "BucketOwnerEnforced" ? [] : bucket.acl;
  for (const p of ["READ", "WRITE", "READ_ACP"] as Permission[]) {
    if (!hasGrant(acl, ELASTICACHE_CANONICAL_ID, p)) {
      throw invalidParameterValue(`ElastiCache has not been granted ${p} permissions ${name} on the S3 Bucket.`);
    }
  }
  return bucket;
}

function copyInAccount(c: EcCall, source: Snapshot, target: string): string {
  const key = groupKey(c.account.accountId, target);
  if (c.ctx.snapshots.has(key)) throw new ApiError("SnapshotAlreadyExistsFault", `Snapshot with specified name [${target}] already exists.`);
  const copy: Snapshot = { ...source, name: target, status: "creating", createdAt: new Date(), nodes: source.nodes.map((n) => ({ ...n })) };
  c.ctx.snapshots.set(key, copy);
  c.ctx.later(c.ctx.delays.snapshot, async () => {
    for (const n of copy.nodes) {
      const dest = snapshotFile(c, target, n.nodeGroupId);
      await fs.promises.copyFile(n.rdbFile, dest);
      n.rdbFile = dest;
    }
    copy.status = "available";
  });
  return renderSnapshot(copy, c.ctx.region);
}
