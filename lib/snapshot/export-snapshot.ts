import "server-only";
import { CopySnapshotCommand, type ElastiCacheClient } from "@aws-sdk/client-elasticache";
import { HeadObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import { classifyAwsError } from "../aws/classify-aws-error";
import { getBucketFacts } from "../aws/s3-bucket-facts";
import { describeSnapshot } from "./create-or-reuse-snapshot";
import { noTracking, type ResourceTracker } from "./created-resources";
import { exportError } from "./export-errors";

export type ObjectFacts = { key: string; size: number; etag: string | null; lastModified?: string };

/**
 * CopySnapshot with TargetBucket: ElastiCache writes `<exportName>-0001.rdb` ... (one per node
 * group) into the source account's bucket. Each object is tracked before the call.
 */
export async function startExport(opts: {
  elasticache: ElastiCacheClient;
  s3: S3Client;
  region: string;
  snapshotName: string;
  exportName: string;
  bucket: string;
  keys: string[];
  track?: ResourceTracker;
}): Promise<{ requestId?: string }> {
  const track = opts.track ?? noTracking;
  for (const key of opts.keys) await track.pending("s3-object", "source", `${opts.bucket}/${key}`, { bucket: opts.bucket, key, by: "CopySnapshot" });
  try {
    const out = await opts.elasticache.send(new CopySnapshotCommand({ SourceSnapshotName: opts.snapshotName, TargetSnapshotName: opts.exportName, TargetBucket: opts.bucket }));
    return { requestId: out.$metadata.requestId };
  } catch (err) {
    const code = (err as { name?: string }).name;
    if (code === "InvalidParameterValueException" && /already contains an object/i.test(String((err as Error).message))) {
      // Ours when every key is tracked by this migration: an earlier attempt landed.
      const ours = await Promise.all(opts.keys.map((k) => track.isOurs("s3-object", `${opts.bucket}/${k}`)));
      if (ours.every(Boolean)) return {};
    }
    const facts = await getBucketFacts({ s3: opts.s3 }, opts.bucket).catch(() => null);
    throw exportError(err, { bucket: opts.bucket, region: opts.region, ownership: facts?.objectOwnership.value });
  }
}

/** Where the export stands: the snapshot's status (copying while exporting) and which objects exist. */
export async function lookAtExport(opts: { elasticache: ElastiCacheClient; s3: S3Client; snapshotName: string; bucket: string; keys: string[] }) {
  const snap = await describeSnapshot(opts.elasticache, opts.snapshotName);
  const present = (await Promise.all(opts.keys.map((key) => headObject(opts.s3, opts.bucket, key)))).filter((o): o is ObjectFacts => !!o);
  return { snapshotStatus: snap?.SnapshotStatus ?? "missing", present, complete: present.length === opts.keys.length };
}

/** HeadObject; null when the object does not exist. */
export async function headObject(s3: S3Client, bucket: string, key: string): Promise<ObjectFacts | null> {
  try {
    const h = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
    return { key, size: h.ContentLength ?? 0, etag: h.ETag ?? null, lastModified: h.LastModified?.toISOString() };
  } catch (err) {
    const e = classifyAwsError(err, `HeadObject s3://${bucket}/${key}`);
    if (e.code === "AWS_NOT_FOUND") return null;
    throw e;
  }
}
