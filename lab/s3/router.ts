import crypto from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { LabContext } from "../context";
import { ApiError } from "../http/api-error";
import { callerAccount, internalError } from "../http/caller";
import { escapeXml } from "../http/xml";
import type { S3Call } from "./access";
import * as bucket from "./bucket-ops";
import { listObjectsV2 } from "./list-objects";
import * as mpu from "./multipart";
import * as obj from "./object-ops";

type Op = { name: string; run: (c: S3Call) => Promise<void> };

/** Maps a path-style request to the S3 operation it is (the SDK's own `x-id` is only a hint). */
function operation(req: IncomingMessage, q: URLSearchParams, bucketName: string, key: string): Op | undefined {
  const m = req.method;
  const op = (name: string, run: Op["run"]): Op => ({ name, run });
  if (!bucketName) return m === "GET" ? op("ListBuckets", bucket.listBuckets) : undefined;
  if (!key) {
    if (m === "PUT") return q.has("acl") ? op("PutBucketAcl", bucket.putBucketAcl) : q.has("ownershipControls") ? op("PutBucketOwnershipControls", bucket.putOwnershipControls) : op("CreateBucket", bucket.createBucket);
    if (m === "GET") {
      if (q.has("acl")) return op("GetBucketAcl", bucket.getBucketAcl);
      if (q.has("ownershipControls")) return op("GetBucketOwnershipControls", bucket.getOwnershipControls);
      if (q.has("location")) return op("GetBucketLocation", bucket.getBucketLocation);
      if (q.get("list-type") === "2") return op("ListObjectsV2", listObjectsV2);
      return undefined;
    }
    if (m === "HEAD") return op("HeadBucket", bucket.headBucket);
    if (m === "DELETE" && [...q.keys()].filter((k) => k !== "x-id").length === 0) return op("DeleteBucket", bucket.deleteBucket);
    return undefined;
  }
  if (m === "PUT") {
    if (q.has("uploadId") && q.has("partNumber")) return req.headers["x-amz-copy-source"] ? undefined : op("UploadPart", mpu.uploadPart);
    if (q.has("acl")) return op("PutObjectAcl", obj.putObjectAcl);
    return req.headers["x-amz-copy-source"] ? op("CopyObject", obj.copyObject) : op("PutObject", obj.putObject);
  }
  if (m === "GET") return q.has("acl") ? op("GetObjectAcl", obj.getObjectAcl) : q.has("uploadId") ? undefined : op("GetObject", obj.getObjectOp);
  if (m === "HEAD") return op("HeadObject", obj.headObject);
  if (m === "DELETE") return q.has("uploadId") ? op("AbortMultipartUpload", mpu.abortMultipartUpload) : op("DeleteObject", obj.deleteObject);
  if (m === "POST") return q.has("uploads") ? op("CreateMultipartUpload", mpu.createMultipartUpload) : q.has("uploadId") ? op("CompleteMultipartUpload", mpu.completeMultipartUpload) : undefined;
  return undefined;
}

/** S3 REST, path-style (`/bucket/key`), XML errors `<Error><Code>..</Code>`; HEAD errors have no body. */
export async function handleS3(ctx: LabContext, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const requestId = crypto.randomBytes(8).toString("hex").toUpperCase();
  res.setHeader("x-amz-request-id", requestId);
  res.setHeader("x-amz-id-2", crypto.randomBytes(24).toString("base64"));
  const path = url.pathname.replace(/^\//, "");
  const slash = path.indexOf("/");
  const bucketName = decodeURIComponent(slash < 0 ? path : path.slice(0, slash));
  const key = slash < 0 ? "" : decodeURIComponent(path.slice(slash + 1));
  const op = operation(req, url.searchParams, bucketName, key);
  let accountId: string | undefined;
  let status = 200;
  let errorCode: string | undefined;
  try {
    const account = callerAccount(req, url, "s3");
    accountId = account.accountId;
    if (!op) throw new ApiError("NotImplemented", "A header or query you provided implies functionality that is not implemented.", 501);
    const fault = ctx.faults.takeRequestFault("s3", op.name);
    if (fault) throw fault.code === "Throttling" ? new ApiError("SlowDown", "Please reduce your request rate.", 503) : fault;
    await op.run({ ctx, req, res, url, account, bucketName, key });
    status = res.statusCode;
  } catch (err) {
    const e = err instanceof ApiError ? err : internalError(err);
    status = e.status;
    errorCode = e.code;
    req.resume(); // drain an unread upload so the client sees the answer instead of a reset
    if (res.headersSent) {
      res.destroy();
    } else if (req.method === "HEAD") {
      res.writeHead(e.status, { "content-length": 0 }).end();
    } else {
      const extra = Object.entries(e.extra).map(([k, v]) => `<${k}>${escapeXml(v)}</${k}>`).join("");
      const body = `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${escapeXml(e.code)}</Code><Message>${escapeXml(e.message)}</Message>${extra}<RequestId>${requestId}</RequestId></Error>`;
      res.writeHead(e.status, { "content-type": "application/xml", "content-length": Buffer.byteLength(body) }).end(body);
    }
  }
  ctx.calls.record({ service: "s3", action: op?.name ?? `${req.method} ${url.pathname}`, account: accountId, status, errorCode });
}
