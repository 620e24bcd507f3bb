import "server-only";
import type { Permission, S3Client } from "@aws-sdk/client-s3";
import { canonicalGrant, holds, readAcl, writeAcl, type AclTarget } from "./acl-grants";
import { noTracking, type ResourceTracker, type TResourceSide } from "./created-resources";

/**
 * Adds `permissions` for one canonical user to an object's (or a bucket's) ACL, keeping every
 * existing grant. Idempotent: nothing is written when the grantee already holds them. Used for
 * ElastiCache's READ on seed RDBs, the target account's READ on exported RDBs, and ElastiCache's
 * READ/WRITE/READ_ACP on an export bucket (only with the operator's confirmation).
 */
export async function grantCanonicalUser(opts: {
  s3: S3Client;
  target: AclTarget;
  granteeId: string;
  permissions: Permission[];
  side: TResourceSide;
  track?: ResourceTracker;
}): Promise<{ added: Permission[] }> {
  const { s3, target } = opts;
  const track = opts.track ?? noTracking;
  const acl = await readAcl(s3, target);
  const added = opts.permissions.filter((p) => !holds(acl.grants, opts.granteeId, p));
  if (!added.length) return { added };
  const kind = target.key ? "object-grant" : "bucket-grant";
  const identifier = `${target.bucket}/${target.key ?? ""}#${opts.granteeId}`;
  await track.pending(kind, opts.side, identifier, { ...target, granteeId: opts.granteeId, added });
  await writeAcl(s3, target, acl.owner, [...acl.grants, ...added.map((p) => canonicalGrant(opts.granteeId, p))]);
  await track.created(kind, identifier);
  return { added };
}

/** Removes exactly the grants Ferry added (cleanup); other grants, even to the same user, stay. */
export async function revokeCanonicalUser(opts: { s3: S3Client; target: AclTarget; granteeId: string; permissions: Permission[] }): Promise<{ removed: number }> {
  const acl = await readAcl(opts.s3, opts.target);
  const keep = acl.grants.filter((g) => !(g.Grantee?.Type === "CanonicalUser" && g.Grantee.ID === opts.granteeId && opts.permissions.includes(g.Permission as Permission)));
  const removed = acl.grants.length - keep.length;
  if (removed) await writeAcl(opts.s3, opts.target, acl.owner, keep);
  return { removed };
}
