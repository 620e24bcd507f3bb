import fs from "node:fs";
import { ApiError } from "../http/api-error";
import { readSmallBody } from "../http/body";
import { leaf, node } from "../http/xml";
import { cannedAcl, grantsFromHeaders } from "./acl";
import { parseAclBody, renderAcl } from "./acl-xml";
import { objectBody } from "./aws-chunked";
import {
  accessDenied, aclsDisabled, canBucket, canObject, getBucket, getObject, newObjectAcl, sendEmpty, sendXml, userMetadata,
  type S3Call,
} from "./access";
import type { S3Object } from "./store";

export async function putObject(c: S3Call): Promise<void> {
  const b = getBucket(c);
  if (!canBucket(b, c.account.canonicalId, "WRITE")) throw accessDenied();
  const { owner, acl } = newObjectAcl(c, b, c.account.canonicalId);
  const { file, size, md5 } = await c.ctx.s3.writeFile(objectBody(c.req));
  const contentType = (c.req.headers["content-type"] as string | undefined) ?? "application/octet-stream";
  const o = c.ctx.s3.putObject(b, { key: c.key, file, size, etag: `"${md5}"`, contentType, owner, acl, metadata: userMetadata(c.req) });
  sendEmpty(c, 200, { etag: o.etag });
}

function objectHeaders(o: S3Object): Record<string, string | number> {
  return { "content-type": o.contentType, etag: o.etag, "last-modified": o.lastModified.toUTCString(), "accept-ranges": "bytes", ...o.metadata };
}

function readable(c: S3Call): S3Object {
  const b = getBucket(c);
  const o = getObject(c, b);
  if (!canObject(b, o, c.account.canonicalId, "READ")) throw accessDenied();
  return o;
}

export async function headObject(c: S3Call): Promise<void> {
  const o = readable(c);
  sendEmpty(c, 200, { ...objectHeaders(o), "content-length": o.size });
}

/** Streams the object from disk; supports one `Range: bytes=a-b` as RDB readers use. */
export async function getObjectOp(c: S3Call): Promise<void> {
  const o = readable(c);
  const range = String(c.req.headers.range ?? "").match(/^bytes=(\d*)-(\d*)$/);
  let start = 0;
  let end = o.size - 1;
  let status = 200;
  const headers = objectHeaders(o);
  if (range && (range[1] || range[2])) {
    start = range[1] ? Number(range[1]) : Math.max(0, o.size - Number(range[2]));
    end = range[1] && range[2] ? Math.min(Number(range[2]), o.size - 1) : o.size - 1;
    if (start >= o.size || start > end) throw new ApiError("InvalidRange", "The requested range is not satisfiable", 416);
    status = 206;
    headers["content-range"] = `bytes ${start}-${end}/${o.size}`;
  }
  c.res.writeHead(status, { ...headers, "content-length": o.size === 0 ? 0 : end - start + 1 });
  if (o.size === 0) return void c.res.end();
  fs.createReadStream(o.file, { start, end }).pipe(c.res);
}

export async function deleteObject(c: S3Call): Promise<void> {
  const b = getBucket(c);
  if (!canBucket(b, c.account.canonicalId, "WRITE")) throw accessDenied();
  c.ctx.s3.deleteObject(b, c.key);
  sendEmpty(c, 204);
}

/** CopyObject, across accounts too: the caller needs READ on the source and WRITE on the target. */
export async function copyObject(c: S3Call): Promise<void> {
  const raw = decodeURIComponent(String(c.req.headers["x-amz-copy-source"]).split("?")[0]).replace(/^\//, "");
  const slash = raw.indexOf("/");
  if (slash <= 0) throw new ApiError("InvalidArgument", "Copy Source must mention the source bucket and key: sourcebucket/sourcekey");
  const srcBucket = getBucket(c, raw.slice(0, slash));
  const src = getObject(c, srcBucket, raw.slice(slash + 1));
  if (!canObject(srcBucket, src, c.account.canonicalId, "READ")) throw accessDenied();
  const b = getBucket(c);
  if (!canBucket(b, c.account.canonicalId, "WRITE")) throw accessDenied();
  const { owner, acl } = newObjectAcl(c, b, c.account.canonicalId);
  const { file, size, md5 } = await c.ctx.s3.writeFile(fs.createReadStream(src.file));
  const replace = c.req.headers["x-amz-metadata-directive"] === "REPLACE";
  const o = c.ctx.s3.putObject(b, {
    key: c.key, file, size, etag: src.etag.includes("-") ? `"${md5}"` : src.etag, owner, acl,
    contentType: replace ? String(c.req.headers["content-type"] ?? "application/octet-stream") : src.contentType,
    metadata: replace ? userMetadata(c.req) : src.metadata,
  });
  sendXml(c, 200, node("CopyObjectResult", leaf("LastModified", o.lastModified), leaf("ETag", o.etag)));
}

export async function getObjectAcl(c: S3Call): Promise<void> {
  const b = getBucket(c);
  const o = getObject(c, b);
  if (!canObject(b, o, c.account.canonicalId, "READ_ACP")) throw accessDenied();
  sendXml(c, 200, renderAcl(o.owner, o.acl));
}

export async function putObjectAcl(c: S3Call): Promise<void> {
  const b = getBucket(c);
  const o = getObject(c, b);
  const body = await readSmallBody(c.req);
  if (b.ownership === "BucketOwnerEnforced") throw aclsDisabled();
  if (!canObject(b, o, c.account.canonicalId, "WRITE_ACP")) throw accessDenied();
  const canned = c.req.headers["x-amz-acl"] as string | undefined;
  o.acl = grantsFromHeaders(c.req.headers) ?? (canned ? cannedAcl(canned, o.owner, b.ownerId) : parseAclBody(body));
  sendEmpty(c, 200);
}
