import type { Grant, Permission } from "@aws-sdk/client-s3";
import type { BucketFacts } from "../aws/s3-bucket-facts";
import type { ElastiCacheFacts } from "./elasticache-checks";
import { check, type PreflightCheck } from "./types";

export const ELASTICACHE_CANONICAL_USER = "540804c33a284a299d2547575ce1010f2312ef3da9b3a053c8bc45bf233e4353";
export const ELASTICACHE_CANONICAL_USER_GOVCLOUD = "40fa568277ad703bd160f66ae4f83fc9dfdfd06c2f1b5060ca22442ac3ef8be6";

/** Regions AWS launched after March 2019: ElastiCache there is granted by bucket policy, not ACL. */
const OPT_IN_REGIONS = new Set([
  "af-south-1", "ap-east-1", "ap-south-2", "ap-southeast-3", "ap-southeast-4", "ap-southeast-5", "ap-southeast-7",
  "ca-west-1", "eu-central-2", "eu-south-1", "eu-south-2", "il-central-1", "me-central-1", "me-south-1", "mx-central-1",
]);

export function canonicalUserFor(region: string): string {
  return region.startsWith("us-gov-") ? ELASTICACHE_CANONICAL_USER_GOVCLOUD : ELASTICACHE_CANONICAL_USER;
}

/** ElastiCache sources: only cache.t1.micro cannot snapshot; data-tiered clusters cannot export. */
export function elastiCacheSnapshotSourceChecks(f: ElastiCacheFacts, exporting: boolean): PreflightCheck[] {
  const rg = f.replicationGroup;
  const nodeType = rg.CacheNodeType ?? f.memberClusters[0]?.CacheNodeType ?? null;
  const out = [
    check("source.node-type-snapshot", "source", "Node type can take snapshots",
      nodeType === null ? "unknown" : nodeType === "cache.t1.micro" ? "fail" : "pass",
      `Node type ${nodeType ?? "unknown"}.`,
      "ElastiCache cannot back up cache.t1.micro nodes (every other node type can).",
      "Scale the source to a current node type first, or export with key-level replication."),
    check("source.snapshot-busy", "source", "No backup or modification in progress", rg.Status === "available" ? "pass" : "warn",
      `Status is "${rg.Status ?? "unknown"}"${rg.SnapshottingClusterId ? `, snapshotting cluster ${rg.SnapshottingClusterId}` : ""}.`,
      "Other operations on the group wait while a backup runs, and a group that is modifying cannot start one.",
      "Wait until the group is available."),
  ];
  if (exporting) {
    out.push(check("source.data-tiering-export", "source", "Snapshot can be exported to S3", rg.DataTiering === "enabled" ? "fail" : "pass",
      `DataTiering is "${rg.DataTiering ?? "disabled"}".`,
      "Snapshots of data-tiered (r6gd) clusters cannot be exported to S3.",
      "Use key-level replication for this source."));
  }
  return out;
}

/**
 * The bucket side of snapshot export/seeding (REFERENCE.md section 2). `mode` export needs
 * READ, WRITE and READ_ACP on the bucket; seed needs READ (granted on the object by Ferry).
 */
export function bucketChecks(facts: BucketFacts, region: string, mode: "export" | "seed"): PreflightCheck[] {
  const b = facts.bucket;
  const out: PreflightCheck[] = [];
  // The export bucket belongs to the source's account, the seed bucket to the target's.
  const side = mode === "export" ? "source" : "target";
  const exists = facts.exists;
  out.push(check("target.bucket-exists", side, `Bucket ${b} exists and is reachable`,
    exists.value === true ? "pass" : exists.value === false ? "fail" : "unknown",
    exists.value === null ? `HeadBucket failed: ${exists.error.message}` : exists.value ? `HeadBucket ${b} succeeded.` : `Bucket ${b} does not exist.`,
    "CopySnapshot and CreateReplicationGroup read and write this bucket.",
    `Create it in ${region}: \`aws s3api create-bucket --bucket ${b} --region ${region} --create-bucket-configuration LocationConstraint=${region}\` (omit the configuration in us-east-1).`));
  if (exists.value === false) return out;

  out.push(check("target.bucket-region", side, "Bucket is in the same region", facts.region.value === null ? "unknown" : facts.region.value === region ? "pass" : "fail",
    facts.region.value === null ? `GetBucketLocation failed: ${facts.region.error.message}` : `Bucket region ${facts.region.value}, ElastiCache region ${region}.`,
    "ElastiCache exports to and seeds from buckets in its own region only.",
    `Use a bucket in ${region} (S3 copy the RDB across regions first).`));

  const own = facts.objectOwnership;
  out.push(check("target.bucket-ownership", side, "Object ownership allows ACLs", own.value === null ? "unknown" : own.value === "BucketOwnerEnforced" ? "fail" : "pass",
    own.value === null ? `GetBucketOwnershipControls failed: ${own.error.message}` : `ObjectOwnership is ${own.value}.`,
    "New buckets default to BucketOwnerEnforced, which disables ACLs: ElastiCache's grants then fail. This is the most common snapshot failure.",
    `\`aws s3api put-bucket-ownership-controls --bucket ${b} --ownership-controls Rules=[{ObjectOwnership=BucketOwnerPreferred}]\` (console: Permissions → Object Ownership → ACLs enabled).`));

  const canonical = canonicalUserFor(region);
  if (OPT_IN_REGIONS.has(region)) {
    out.push(check("target.bucket-grants", side, "ElastiCache is granted access to the bucket", "warn",
      `${region} is an opt-in region: access is granted by bucket policy, which Ferry does not read.`,
      "Without the grant CopySnapshot and seeding fail with access errors.",
      `Add a bucket policy allowing principal \`${region}.elasticache-snapshot.amazonaws.com\` s3:GetObject, s3:PutObject, s3:ListBucket, s3:GetBucketAcl, s3:ListMultipartUploadParts, s3:ListBucketMultipartUploads on ${b}.`));
    return out;
  }
  const needed: Permission[] = mode === "export" ? ["READ", "WRITE", "READ_ACP"] : ["READ"];
  if (facts.grants.value === null) {
    out.push(check("target.bucket-grants", side, "ElastiCache is granted access to the bucket", "unknown",
      `GetBucketAcl failed: ${facts.grants.error.message}`, "Without the grant CopySnapshot and seeding fail with access errors.", grantFix(b, canonical, needed)));
    return out;
  }
  const held = grantedPermissions(facts.grants.value, canonical);
  const missing = needed.filter((p) => !held.has(p) && !held.has("FULL_CONTROL"));
  const seedNote = mode === "seed" && missing.length ? " Ferry can also grant READ on the RDB object itself when it uploads it." : "";
  out.push(check("target.bucket-grants", side, "ElastiCache is granted access to the bucket",
    missing.length === 0 ? "pass" : mode === "seed" ? "warn" : "fail",
    `ElastiCache canonical user ${canonical.slice(0, 12)}… holds ${held.size ? [...held].join(", ") : "no grants"} on ${b}; ${mode} needs ${needed.join(", ")}.${seedNote}`,
    "ElastiCache writes exports and reads seed RDBs as its canonical user; S3 refuses it without these grants.",
    grantFix(b, canonical, needed)));
  return out;
}

function grantedPermissions(grants: Grant[], canonical: string): Set<string> {
  return new Set(grants.filter((g) => g.Grantee?.Type === "CanonicalUser" && g.Grantee.ID === canonical).map((g) => String(g.Permission)));
}

function grantFix(bucket: string, canonical: string, needed: Permission[]): string {
  const flags = needed.map((p) => `--grant-${p.toLowerCase().replace("_", "-")} id=${canonical}`).join(" ");
  // put-bucket-acl replaces the ACL: keep the owner's full control in the same call.
  return `\`aws s3api put-bucket-acl --bucket ${bucket} --grant-full-control id=<your-canonical-id> ${flags}\` (console: Permissions → ACL → Add grantee ${canonical}).`;
}
