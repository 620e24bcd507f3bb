import { ApiError } from "../http/api-error";
import { leaf, node } from "../http/xml";
import { ownerXml } from "./acl-xml";
import { accessDenied, canBucket, getBucket, sendXml, type S3Call } from "./access";

/** ListObjectsV2 with Prefix, Delimiter, MaxKeys, StartAfter and continuation tokens. */
export async function listObjectsV2(c: S3Call): Promise<void> {
  const b = getBucket(c);
  if (!canBucket(b, c.account.canonicalId, "READ")) throw accessDenied();
  const q = c.url.searchParams;
  const prefix = q.get("prefix") ?? "";
  const delimiter = q.get("delimiter") ?? "";
  const maxKeys = Number(q.get("max-keys") ?? 1000);
  if (!Number.isInteger(maxKeys) || maxKeys < 0) throw new ApiError("InvalidArgument", "max-keys must be a non-negative integer");
  const token = q.get("continuation-token");
  let after = q.get("start-after") ?? "";
  if (token) {
    after = Buffer.from(token, "base64url").toString("utf8");
    if (!after) throw new ApiError("InvalidArgument", "The continuation token provided is incorrect");
  }
  const contents: string[] = [];
  const prefixes = new Set<string>();
  let last = "";
  let truncated = false;
  for (const key of [...b.objects.keys()].sort()) {
    if (!key.startsWith(prefix) || key <= after) continue;
    const rest = key.slice(prefix.length);
    const cut = delimiter ? rest.indexOf(delimiter) : -1;
    const common = cut >= 0 ? prefix + rest.slice(0, cut + delimiter.length) : undefined;
    if (common && prefixes.has(common)) continue;
    if (contents.length + prefixes.size >= maxKeys) {
      truncated = true;
      break;
    }
    last = key;
    if (common) {
      prefixes.add(common);
      continue;
    }
    const o = b.objects.get(key)!;
    contents.push(
      node("Contents", leaf("Key", key), leaf("LastModified", o.lastModified), leaf("ETag", o.etag), leaf("Size", o.size),
        leaf("StorageClass", "STANDARD"), q.get("fetch-owner") === "true" ? ownerXml(o.owner) : ""),
    );
  }
  const parts = [
    leaf("Name", b.name), leaf("Prefix", prefix), delimiter ? leaf("Delimiter", delimiter) : "",
    leaf("MaxKeys", maxKeys), leaf("KeyCount", contents.length + prefixes.size), leaf("IsTruncated", truncated),
    token ? leaf("ContinuationToken", token) : "",
    truncated ? leaf("NextContinuationToken", Buffer.from(last).toString("base64url")) : "",
    leaf("StartAfter", q.get("start-after")),
    ...contents,
    ...[...prefixes].map((p) => node("CommonPrefixes", leaf("Prefix", p))),
  ];
  sendXml(c, 200, `<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">${parts.join("")}</ListBucketResult>`);
}
