import crypto from "node:crypto";
import fs from "node:fs";
import { pipeline } from "node:stream/promises";
import { ApiError } from "../http/api-error";
import { readSmallBody } from "../http/body";
import { children, childText, leaf, node, parseXml } from "../http/xml";
import type { Grant } from "./acl";
import { objectBody } from "./aws-chunked";
import { accessDenied, canBucket, getBucket, newObjectAcl, sendEmpty, sendXml, userMetadata, type S3Call } from "./access";

type Upload = {
  bucket: string; key: string; owner: string; acl: Grant[]; contentType: string; metadata: Record<string, string>;
  parts: Map<number, { file: string; size: number; md5: string }>;
};

const uploads = new WeakMap<object, Map<string, Upload>>();
const MIN_PART = 5 * 1024 * 1024;

/** Uploads in flight belong to one lab (its S3 store), not to the module. */
function uploadsOf(c: S3Call): Map<string, Upload> {
  let m = uploads.get(c.ctx.s3);
  if (!m) uploads.set(c.ctx.s3, (m = new Map()));
  return m;
}

function findUpload(c: S3Call): Upload {
  const u = uploadsOf(c).get(c.url.searchParams.get("uploadId") ?? "");
  if (!u || u.bucket !== c.bucketName || u.key !== c.key) {
    throw new ApiError("NoSuchUpload", "The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.", 404);
  }
  return u;
}

export async function createMultipartUpload(c: S3Call): Promise<void> {
  const b = getBucket(c);
  if (!canBucket(b, c.account.canonicalId, "WRITE")) throw accessDenied();
  const { owner, acl } = newObjectAcl(c, b, c.account.canonicalId);
  const id = crypto.randomBytes(24).toString("base64url");
  uploadsOf(c).set(id, {
    bucket: b.name, key: c.key, owner, acl, parts: new Map(), metadata: userMetadata(c.req),
    contentType: (c.req.headers["content-type"] as string | undefined) ?? "application/octet-stream",
  });
  sendXml(c, 200, node("InitiateMultipartUploadResult", leaf("Bucket", b.name), leaf("Key", c.key), leaf("UploadId", id)));
}

export async function uploadPart(c: S3Call): Promise<void> {
  const u = findUpload(c);
  const n = Number(c.url.searchParams.get("partNumber"));
  if (!Number.isInteger(n) || n < 1 || n > 10000) throw new ApiError("InvalidArgument", "Part number must be an integer between 1 and 10000, inclusive");
  const part = await c.ctx.s3.writeFile(objectBody(c.req));
  const old = u.parts.get(n);
  if (old) fs.rmSync(old.file, { force: true });
  u.parts.set(n, part);
  sendEmpty(c, 200, { etag: `"${part.md5}"` });
}

/** Joins the listed parts by streaming them into one file; ETag is S3's md5-of-md5s "-N" form. */
export async function completeMultipartUpload(c: S3Call): Promise<void> {
  const u = findUpload(c);
  let listed: { n: number; etag: string }[];
  try {
    listed = children(parseXml(await readSmallBody(c.req)), "Part").map((p) => ({ n: Number(childText(p, "PartNumber")), etag: childText(p, "ETag") ?? "" }));
  } catch {
    throw new ApiError("MalformedXML", "The XML you provided was not well-formed or did not validate against our published schema.");
  }
  if (!listed.length) throw new ApiError("MalformedXML", "The XML you provided was not well-formed or did not validate against our published schema.");
  for (const [i, p] of listed.entries()) {
    if (i > 0 && p.n <= listed[i - 1].n) throw new ApiError("InvalidPartOrder", "The list of parts was not in ascending order. The parts list must be specified in order by part number.");
    const part = u.parts.get(p.n);
    if (!part || p.etag.replace(/"/g, "") !== part.md5) throw new ApiError("InvalidPart", "One or more of the specified parts could not be found. The part might not have been uploaded, or the specified entity tag might not have matched the part's entity tag.");
    if (i < listed.length - 1 && part.size < MIN_PART) throw new ApiError("EntityTooSmall", "Your proposed upload is smaller than the minimum allowed size");
  }
  const b = getBucket(c);
  const file = c.ctx.s3.newFile();
  const out = fs.createWriteStream(file);
  for (const p of listed) await pipeline(fs.createReadStream(u.parts.get(p.n)!.file), out, { end: false });
  await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
  const size = listed.reduce((s, p) => s + u.parts.get(p.n)!.size, 0);
  const md5s = Buffer.concat(listed.map((p) => Buffer.from(u.parts.get(p.n)!.md5, "hex")));
  const etag = `"${crypto.createHash("md5").update(md5s).digest("hex")}-${listed.length}"`;
  c.ctx.s3.putObject(b, { key: u.key, file, size, etag, contentType: u.contentType, owner: u.owner, acl: u.acl, metadata: u.metadata });
  abortParts(c, u);
  sendXml(c, 200, node("CompleteMultipartUploadResult", leaf("Location", `/${b.name}/${u.key}`), leaf("Bucket", b.name), leaf("Key", u.key), leaf("ETag", etag)));
}

export async function abortMultipartUpload(c: S3Call): Promise<void> {
  abortParts(c, findUpload(c));
  sendEmpty(c, 204);
}

function abortParts(c: S3Call, u: Upload): void {
  for (const p of u.parts.values()) fs.rmSync(p.file, { force: true });
  for (const [id, x] of uploadsOf(c)) if (x === u) uploadsOf(c).delete(id);
}
