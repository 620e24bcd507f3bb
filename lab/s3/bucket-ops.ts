import { ApiError } from "../http/api-error";
import { readSmallBody } from "../http/body";
import { childText, escapeXml, leaf, node, parseXml } from "../http/xml";
import { cannedAcl, grantsFromHeaders, ownerFull, type Ownership } from "./acl";
import { parseAclBody, ownerXml, renderAcl } from "./acl-xml";
import { accessDenied, aclsDisabled, canBucket, getBucket, sendEmpty, sendXml, type S3Call } from "./access";

const NS = 'xmlns="http://s3.amazonaws.com/doc/2006-03-01/"';
const OWNERSHIPS: Ownership[] = ["BucketOwnerEnforced", "BucketOwnerPreferred", "ObjectWriter"];

export async function createBucket(c: S3Call): Promise<void> {
  const name = c.bucketName;
  if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(name) || name.includes("..")) {
    throw new ApiError("InvalidBucketName", "The specified bucket is not valid.", 400, { BucketName: name });
  }
  const body = await readSmallBody(c.req);
  let region = c.ctx.region;
  if (body.trim()) {
    try {
      region = childText(parseXml(body), "LocationConstraint") || "us-east-1";
    } catch {
      throw new ApiError("MalformedXML", "The XML you provided was not well-formed or did not validate against our published schema.");
    }
  }
  const existing = c.ctx.s3.buckets.get(name);
  if (existing) {
    if (existing.ownerId !== c.account.canonicalId) throw new ApiError("BucketAlreadyExists", "The requested bucket name is not available. The bucket namespace is shared by all users of the system. Please select a different name and try again.", 409, { BucketName: name });
    if (c.ctx.region !== "us-east-1") throw new ApiError("BucketAlreadyOwnedByYou", "Your previous request to create the named bucket succeeded and you already own it.", 409, { BucketName: name });
    return sendEmpty(c, 200, { location: `/${name}` }); // us-east-1 answers 200 for a bucket you own
  }
  const ownership = (c.req.headers["x-amz-object-ownership"] as Ownership | undefined) ?? "BucketOwnerEnforced";
  if (!OWNERSHIPS.includes(ownership)) throw new ApiError("InvalidArgument", `Invalid x-amz-object-ownership: ${ownership}`);
  const canned = c.req.headers["x-amz-acl"] as string | undefined;
  const grants = grantsFromHeaders(c.req.headers);
  if (ownership === "BucketOwnerEnforced" && (grants || (canned && canned !== "private"))) {
    throw new ApiError("InvalidBucketAclWithObjectOwnership", "Bucket cannot have ACLs set with ObjectOwnership's BucketOwnerEnforced setting");
  }
  const owner = c.account.canonicalId;
  c.ctx.s3.buckets.set(name, {
    name, ownerId: owner, region, createdAt: new Date(), ownership,
    acl: grants ?? cannedAcl(canned ?? "private", owner, owner), objects: new Map(),
  });
  sendEmpty(c, 200, { location: `/${name}` });
}

export async function deleteBucket(c: S3Call): Promise<void> {
  const b = getBucket(c);
  if (b.ownerId !== c.account.canonicalId) throw accessDenied();
  if (b.objects.size) throw new ApiError("BucketNotEmpty", "The bucket you tried to delete is not empty", 409, { BucketName: b.name });
  c.ctx.s3.buckets.delete(b.name);
  sendEmpty(c, 204);
}

export async function headBucket(c: S3Call): Promise<void> {
  const b = getBucket(c);
  if (!canBucket(b, c.account.canonicalId, "READ")) throw accessDenied();
  sendEmpty(c, 200, { "x-amz-bucket-region": b.region });
}

export async function getBucketLocation(c: S3Call): Promise<void> {
  const b = getBucket(c);
  if (b.ownerId !== c.account.canonicalId) throw accessDenied();
  sendXml(c, 200, `<LocationConstraint ${NS}>${b.region === "us-east-1" ? "" : escapeXml(b.region)}</LocationConstraint>`);
}

export async function listBuckets(c: S3Call): Promise<void> {
  const mine = [...c.ctx.s3.buckets.values()].filter((b) => b.ownerId === c.account.canonicalId);
  const buckets = mine.map((b) => node("Bucket", leaf("Name", b.name), leaf("CreationDate", b.createdAt)));
  sendXml(c, 200, `<ListAllMyBucketsResult ${NS}>${ownerXml(c.account.canonicalId)}${node("Buckets", ...buckets)}</ListAllMyBucketsResult>`);
}

export async function getBucketAcl(c: S3Call): Promise<void> {
  const b = getBucket(c);
  if (!canBucket(b, c.account.canonicalId, "READ_ACP")) throw accessDenied();
  // With ACLs disabled S3 reports the effective ACL: the owner has full control.
  sendXml(c, 200, renderAcl(b.ownerId, b.ownership === "BucketOwnerEnforced" ? [ownerFull(b.ownerId)] : b.acl));
}

export async function putBucketAcl(c: S3Call): Promise<void> {
  const b = getBucket(c);
  if (!canBucket(b, c.account.canonicalId, "WRITE_ACP")) throw accessDenied();
  const body = await readSmallBody(c.req);
  if (b.ownership === "BucketOwnerEnforced") throw aclsDisabled();
  const canned = c.req.headers["x-amz-acl"] as string | undefined;
  b.acl = grantsFromHeaders(c.req.headers) ?? (canned ? cannedAcl(canned, b.ownerId, b.ownerId) : parseAclBody(body));
  sendEmpty(c, 200);
}

export async function getOwnershipControls(c: S3Call): Promise<void> {
  const b = getBucket(c);
  if (b.ownerId !== c.account.canonicalId) throw accessDenied();
  sendXml(c, 200, `<OwnershipControls ${NS}><Rule><ObjectOwnership>${b.ownership}</ObjectOwnership></Rule></OwnershipControls>`);
}

export async function putOwnershipControls(c: S3Call): Promise<void> {
  const b = getBucket(c);
  if (b.ownerId !== c.account.canonicalId) throw accessDenied();
  let value: string | undefined;
  try {
    const doc = parseXml(await readSmallBody(c.req));
    value = doc.children.find((r) => r.name === "Rule")?.children.find((x) => x.name === "ObjectOwnership")?.text.trim();
  } catch {
    /* answered below */
  }
  if (!value || !OWNERSHIPS.includes(value as Ownership)) {
    throw new ApiError("MalformedXML", "The XML you provided was not well-formed or did not validate against our published schema.");
  }
  // S3 refuses to disable ACLs while the bucket ACL still grants someone other than the owner.
  if (value === "BucketOwnerEnforced" && b.acl.some((g) => g.grantee.type !== "CanonicalUser" || g.grantee.id !== b.ownerId)) {
    throw new ApiError("InvalidBucketAclWithObjectOwnership", "Bucket cannot have ACLs set with ObjectOwnership's BucketOwnerEnforced setting");
  }
  b.ownership = value as Ownership;
  sendEmpty(c, 200);
}
