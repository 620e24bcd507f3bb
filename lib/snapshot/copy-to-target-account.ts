import "server-only";
import { CopyObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import { AppError } from "../errors";
import { classifyAwsError } from "../aws/classify-aws-error";
import { readAcl } from "./acl-grants";
import { noTracking, type ResourceTracker } from "./created-resources";
import { headObject, type ObjectFacts } from "./export-snapshot";

const COPY_OBJECT_LIMIT = 5 * 1024 ** 3;

export type CopyPlan = { exportKey: string; importKey: string };

/**
 * Server-side CopyObject of each exported RDB into the target account's bucket, signed by the
 * target account (it needs READ on the source object: the grant Ferry adds only after the
 * operator confirms). No byte passes through Ferry. Copies that already exist with the source's
 * size are kept: a restarted step does not copy twice.
 */
export async function copyToTargetAccount(opts: {
  sourceS3: S3Client;
  targetS3: S3Client;
  exportBucket: string;
  importBucket: string;
  copies: CopyPlan[];
  track?: ResourceTracker;
}): Promise<Array<ObjectFacts & { copied: boolean }>> {
  const track = opts.track ?? noTracking;
  const out: Array<ObjectFacts & { copied: boolean }> = [];
  for (const c of opts.copies) {
    const src = await headObject(opts.sourceS3, opts.exportBucket, c.exportKey);
    if (!src) throw new AppError("AWS_NOT_FOUND", `The exported RDB s3://${opts.exportBucket}/${c.exportKey} is gone; Retry the export.`);
    const existing = await headObject(opts.targetS3, opts.importBucket, c.importKey).catch(() => null);
    if (existing && existing.size === src.size) {
      out.push({ ...existing, copied: false });
      continue;
    }
    if (src.size > COPY_OBJECT_LIMIT) {
      throw new AppError("AWS_ERROR", `s3://${opts.exportBucket}/${c.exportKey} is ${Math.round(src.size / 1024 ** 3)} GiB; a single CopyObject stops at 5 GiB and Ferry does not do multipart copies yet. ` +
        `Copy it with \`aws s3 cp s3://${opts.exportBucket}/${c.exportKey} s3://${opts.importBucket}/${c.importKey}\` using the target account's credentials, then Retry.`);
    }
    const identifier = `${opts.importBucket}/${c.importKey}`;
    await track.pending("s3-object", "target", identifier, { bucket: opts.importBucket, key: c.importKey, by: "CopyObject", from: `${opts.exportBucket}/${c.exportKey}` });
    try {
      const r = await opts.targetS3.send(new CopyObjectCommand({ Bucket: opts.importBucket, Key: c.importKey, CopySource: `${opts.exportBucket}/${encodeURIComponent(c.exportKey)}` }));
      const etag = r.CopyObjectResult?.ETag ?? null;
      await track.created("s3-object", identifier, { etag, size: src.size });
      out.push({ key: c.importKey, size: src.size, etag, copied: true });
    } catch (err) {
      const e = classifyAwsError(err, `CopyObject s3://${opts.exportBucket}/${c.exportKey} -> s3://${opts.importBucket}/${c.importKey}`);
      if (e.code === "AWS_ACCESS_DENIED") {
        throw new AppError("AWS_ACCESS_DENIED", `The target account may not read s3://${opts.exportBucket}/${c.exportKey} (or write to ${opts.importBucket}): "${e.detail?.awsMessage}". ` +
          "Fix: confirm the cross-account grant in the snapshot options (Ferry then grants the target account READ on the exported objects only), or allow s3:GetObject for it in the export bucket's policy; and allow s3:PutObject on the import bucket. Then Retry.", e.detail);
      }
      throw e;
    }
  }
  return out;
}

/** The canonical user id of the account that owns `bucket` (read with that account's credentials). */
export async function bucketOwnerId(s3: S3Client, bucket: string): Promise<string> {
  const { owner } = await readAcl(s3, { bucket });
  if (!owner?.ID) throw new AppError("AWS_ERROR", `S3 did not say who owns ${bucket}.`);
  return owner.ID;
}
