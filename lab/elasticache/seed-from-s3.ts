import { ELASTICACHE_CANONICAL_ID } from "../accounts";
import type { LabContext } from "../context";
import { invalidParameterValue } from "../http/api-error";
import { hasGrant } from "../s3/acl";

/**
 * Checks each `arn:aws:s3:::bucket/key` the way seeding needs it (object present, bucket in this
 * region, ElastiCache's canonical user may READ the object) and returns the RDB files to boot from.
 * AWS reports some of these only later, as a failed restore; the lab answers at once so the
 * operator sees the cause. The wording is the lab's.
 */
export function resolveSeedArns(ctx: LabContext, arns: string[]): string[] {
  return arns.map((arn) => {
    const m = arn.match(/^arn:aws[\w-]*:s3:::([^/]+)\/(.+)$/);
    if (!m) throw invalidParameterValue(`Invalid S3 ARN: ${arn}`);
    const [, bucketName, key] = m;
    if (key.includes(",")) throw invalidParameterValue(`The S3 object name must not contain commas: ${key}`);
    const bucket = ctx.s3.buckets.get(bucketName);
    if (!bucket) throw invalidParameterValue(`The S3 bucket ${bucketName} does not exist.`);
    if (bucket.region !== ctx.region) throw invalidParameterValue(`The S3 bucket ${bucketName} is outside of the region.`);
    const obj = bucket.objects.get(key);
    if (!obj) throw invalidParameterValue(`The S3 object ${key} does not exist in bucket ${bucketName}.`);
    // With ACLs disabled (BucketOwnerEnforced) no object grant can reach ElastiCache.
    const readable = bucket.ownership !== "BucketOwnerEnforced" && hasGrant(obj.acl, ELASTICACHE_CANONICAL_ID, "READ");
    if (!readable) {
      throw invalidParameterValue(
        `ElastiCache has not been granted READ permission on the S3 object ${bucketName}/${key}.`,
      );
    }
    return obj.file;
  });
}
