import "server-only";
import {
  GetBucketAclCommand, GetObjectAclCommand, PutBucketAclCommand, PutObjectAclCommand,
  type Grant, type Owner, type Permission, type S3Client,
} from "@aws-sdk/client-s3";
import { AppError } from "../errors";
import { classifyAwsError } from "../aws/classify-aws-error";

export type AclTarget = { bucket: string; key?: string };

const where = (t: AclTarget) => (t.key ? `s3://${t.bucket}/${t.key}` : `bucket ${t.bucket}`);

export function holds(grants: Grant[], canonicalId: string, p: Permission): boolean {
  return grants.some((g) => g.Grantee?.Type === "CanonicalUser" && g.Grantee.ID === canonicalId && (g.Permission === p || g.Permission === "FULL_CONTROL"));
}

export async function readAcl(s3: S3Client, t: AclTarget): Promise<{ owner: Owner | undefined; grants: Grant[] }> {
  try {
    const out = t.key ? await s3.send(new GetObjectAclCommand({ Bucket: t.bucket, Key: t.key })) : await s3.send(new GetBucketAclCommand({ Bucket: t.bucket }));
    return { owner: out.Owner, grants: out.Grants ?? [] };
  } catch (err) {
    throw classifyAwsError(err, `Reading the ACL of ${where(t)}`);
  }
}

/**
 * Replaces the ACL with `grants` (S3 has no "add one grant" call): callers pass the grants they
 * read plus or minus exactly theirs, so nobody else's grant is lost.
 */
export async function writeAcl(s3: S3Client, t: AclTarget, owner: Owner | undefined, grants: Grant[]): Promise<void> {
  const AccessControlPolicy = { Owner: owner, Grants: grants };
  try {
    if (t.key) await s3.send(new PutObjectAclCommand({ Bucket: t.bucket, Key: t.key, AccessControlPolicy }));
    else await s3.send(new PutBucketAclCommand({ Bucket: t.bucket, AccessControlPolicy }));
  } catch (err) {
    if ((err as { name?: string }).name === "AccessControlListNotSupported") {
      throw new AppError("PREFLIGHT_FAILED",
        `S3 refused to change the ACL of ${where(t)}: "The bucket does not allow ACLs" (Object Ownership is BucketOwnerEnforced, the default for new buckets). ` +
          `Fix: \`aws s3api put-bucket-ownership-controls --bucket ${t.bucket} --ownership-controls Rules=[{ObjectOwnership=BucketOwnerPreferred}]\` (console: Permissions → Object Ownership → ACLs enabled), then Retry.`,
        { awsCode: "AccessControlListNotSupported", bucket: t.bucket });
    }
    throw classifyAwsError(err, `Changing the ACL of ${where(t)}`);
  }
}

export function canonicalGrant(id: string, p: Permission): Grant {
  return { Grantee: { Type: "CanonicalUser", ID: id }, Permission: p };
}
