import type { IncomingMessage, ServerResponse } from "node:http";
import type { LabAccount } from "../accounts";
import type { LabContext } from "../context";
import { ApiError } from "../http/api-error";
import { cannedAcl, grantsFromHeaders, hasGrant, ownerFull, type Grant, type Permission } from "./acl";
import type { Bucket, S3Object } from "./store";

export type S3Call = {
  ctx: LabContext;
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  account: LabAccount;
  bucketName: string;
  key: string;
};

export const accessDenied = () => new ApiError("AccessDenied", "Access Denied", 403);
export const aclsDisabled = () => new ApiError("AccessControlListNotSupported", "The bucket does not allow ACLs", 400);

export function getBucket(c: S3Call, name = c.bucketName): Bucket {
  const b = c.ctx.s3.buckets.get(name);
  if (!b) throw new ApiError("NoSuchBucket", "The specified bucket does not exist", 404, { BucketName: name });
  return b;
}

export function getObject(c: S3Call, b: Bucket, key = c.key): S3Object {
  const o = b.objects.get(key);
  if (!o) throw new ApiError("NoSuchKey", "The specified key does not exist.", 404, { Key: key });
  return o;
}

/** Bucket-level permission; with BucketOwnerEnforced the bucket ACL is ignored, as in S3. */
export function canBucket(b: Bucket, canonicalId: string, p: Permission): boolean {
  if (b.ownerId === canonicalId) return true;
  return b.ownership !== "BucketOwnerEnforced" && hasGrant(b.acl, canonicalId, p);
}

/** Object-level permission: the owner, or a grant in the object ACL (unless ACLs are disabled). */
export function canObject(b: Bucket, o: S3Object, canonicalId: string, p: Permission): boolean {
  if (b.ownership === "BucketOwnerEnforced") return b.ownerId === canonicalId;
  if (o.owner === canonicalId) return true;
  return hasGrant(o.acl, canonicalId, p);
}

/**
 * Owner and ACL of an object being written by `writerId`, from x-amz-acl / x-amz-grant-*:
 * ACLs other than bucket-owner-full-control are refused while ACLs are disabled.
 */
export function newObjectAcl(c: S3Call, b: Bucket, writerId: string): { owner: string; acl: Grant[] } {
  const canned = c.req.headers["x-amz-acl"] as string | undefined;
  const grants = grantsFromHeaders(c.req.headers);
  if (b.ownership === "BucketOwnerEnforced") {
    if (grants || (canned && canned !== "bucket-owner-full-control")) throw aclsDisabled();
    return { owner: b.ownerId, acl: [ownerFull(b.ownerId)] };
  }
  const owner = b.ownership === "BucketOwnerPreferred" && canned === "bucket-owner-full-control" ? b.ownerId : writerId;
  if (grants) return { owner, acl: grants };
  return { owner, acl: cannedAcl(canned ?? "private", owner, b.ownerId) };
}

export function userMetadata(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) if (k.startsWith("x-amz-meta-") && typeof v === "string") out[k] = v;
  return out;
}

export function sendXml(c: S3Call, status: number, xml: string, headers: Record<string, string> = {}): void {
  const body = xml.startsWith("<?xml") ? xml : `<?xml version="1.0" encoding="UTF-8"?>${xml}`;
  c.res.writeHead(status, { "content-type": "application/xml", "content-length": Buffer.byteLength(body), ...headers });
  c.res.end(body);
}

export function sendEmpty(c: S3Call, status: number, headers: Record<string, string | number> = {}): void {
  c.res.writeHead(status, { "content-length": 0, ...headers });
  c.res.end();
}
