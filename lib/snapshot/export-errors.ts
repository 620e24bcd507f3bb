import "server-only";
import { AppError } from "../errors";
import { classifyAwsError } from "../aws/classify-aws-error";
import { canonicalUserFor } from "../preflight/snapshot-checks";

/**
 * CopySnapshot-to-S3 failures as AWS words them, each with the fix. AWS's message is kept verbatim
 * (operators search for it); the fix names the exact command.
 */
export function exportError(err: unknown, opts: { bucket: string; region: string; ownership?: string | null }): AppError {
  const e = classifyAwsError(err, "CopySnapshot");
  const aws = String(e.detail?.awsMessage ?? e.message);
  const b = opts.bucket;
  const canonical = canonicalUserFor(opts.region);
  let fix: string | null = null;
  if (/has not been granted/i.test(aws)) {
    fix = opts.ownership === "BucketOwnerEnforced"
      ? `Bucket ${b} has Object Ownership "BucketOwnerEnforced", which disables ACLs, so no grant can reach ElastiCache. First: \`aws s3api put-bucket-ownership-controls --bucket ${b} --ownership-controls Rules=[{ObjectOwnership=BucketOwnerPreferred}]\`, then grant as below. `
      : "";
    fix += `Grant ElastiCache's canonical user READ, WRITE and READ_ACP on ${b}: \`aws s3api put-bucket-acl --bucket ${b} --grant-full-control id=<your-canonical-id> --grant-read id=${canonical} --grant-write id=${canonical} --grant-read-acp id=${canonical}\`, ` +
      `or let Ferry add them (snapshot options: "Add ElastiCache's grants to the export bucket"; existing grants are kept and cleanup removes only what Ferry added). Then Retry.`;
  } else if (/does not exist/i.test(aws)) {
    fix = `Create it in ${opts.region} with the source account's credentials: \`aws s3api create-bucket --bucket ${b} --region ${opts.region}\`, grant ElastiCache READ/WRITE/READ_ACP, then Retry.`;
  } else if (/outside of the region/i.test(aws)) {
    fix = `ElastiCache exports only to a bucket in its own region (${opts.region}): pick or create one there.`;
  } else if (/not owned by the authenticated user/i.test(aws)) {
    fix = `The export bucket must belong to the source account (the one that owns the snapshot); copy to the target account happens after the export.`;
  } else if (/already contains an object/i.test(aws)) {
    fix = `Ferry did not create that object, so it will not overwrite or delete it: remove it yourself if it is stale, or change the export bucket, then Retry.`;
  }
  if (!fix) return e;
  return new AppError(e.code, `CopySnapshot to s3://${b} refused: "${aws}" Fix: ${fix}`, { ...e.detail, fix });
}
