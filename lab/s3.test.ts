import crypto from "node:crypto";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  CreateBucketCommand, GetBucketAclCommand, GetBucketOwnershipControlsCommand, GetObjectAclCommand, GetObjectCommand,
  HeadObjectCommand, ListObjectsV2Command, PutBucketAclCommand, PutBucketOwnershipControlsCommand, PutObjectCommand,
  DeleteObjectCommand, AbortMultipartUploadCommand, CreateMultipartUploadCommand,
} from "@aws-sdk/client-s3";
import { Upload } from "@aws-sdk/lib-storage";
import { startLab, type Lab } from "./start-lab";
import { labClients } from "./test-clients";

let lab: Lab;
beforeAll(async () => {
  lab = await startLab();
});
afterAll(async () => lab?.stop());

const md5 = (b: Buffer) => crypto.createHash("md5").update(b).digest("hex");

describe("S3 (path-style) through the real S3 client", () => {
  it("puts, streams, lists, heads and deletes objects; missing keys are NoSuchKey", async () => {
    const { s3 } = labClients(lab);
    await s3.send(new CreateBucketCommand({ Bucket: "objs" }));
    await s3.send(new PutObjectCommand({ Bucket: "objs", Key: "dir/a b.txt", Body: "hello" }));
    // A stream body makes the SDK send aws-chunked with a checksum trailer.
    await s3.send(new PutObjectCommand({ Bucket: "objs", Key: "dir/stream", Body: Readable.from([Buffer.from("chunk-1 "), Buffer.from("chunk-2")]), ContentLength: 15 }));
    expect(await (await s3.send(new GetObjectCommand({ Bucket: "objs", Key: "dir/stream" }))).Body!.transformToString()).toBe("chunk-1 chunk-2");
    expect(await (await s3.send(new GetObjectCommand({ Bucket: "objs", Key: "dir/a b.txt", Range: "bytes=1-3" }))).Body!.transformToString()).toBe("ell");
    await s3.send(new PutObjectCommand({ Bucket: "objs", Key: "top", Body: "x" }));
    const list = await s3.send(new ListObjectsV2Command({ Bucket: "objs", Prefix: "dir/" }));
    expect(list.Contents?.map((c) => [c.Key, c.Size])).toEqual([["dir/a b.txt", 5], ["dir/stream", 15]]);
    const delim = await s3.send(new ListObjectsV2Command({ Bucket: "objs", Delimiter: "/", MaxKeys: 1 }));
    expect(delim.CommonPrefixes?.map((p) => p.Prefix)).toEqual(["dir/"]);
    expect(delim.IsTruncated).toBe(true);
    const next = await s3.send(new ListObjectsV2Command({ Bucket: "objs", Delimiter: "/", ContinuationToken: delim.NextContinuationToken }));
    expect(next.Contents?.map((c) => c.Key)).toEqual(["top"]);

    await s3.send(new DeleteObjectCommand({ Bucket: "objs", Key: "top" }));
    const missing = await s3.send(new GetObjectCommand({ Bucket: "objs", Key: "top" })).catch((e) => e);
    expect([missing.name, missing.$metadata.httpStatusCode]).toEqual(["NoSuchKey", 404]);
    const head = await s3.send(new HeadObjectCommand({ Bucket: "objs", Key: "top" })).catch((e) => e);
    expect(head.$metadata.httpStatusCode).toBe(404);
    const noBucket = await s3.send(new PutObjectCommand({ Bucket: "nobucket", Key: "k", Body: "x" })).catch((e) => e);
    expect(noBucket.name).toBe("NoSuchBucket");
  });

  it("multipart upload (lib-storage Upload, 5 MiB parts) assembles the exact bytes; abort discards", async () => {
    const { s3 } = labClients(lab);
    await s3.send(new CreateBucketCommand({ Bucket: "big" }));
    const data = crypto.randomBytes(11 * 1024 * 1024 + 123);
    await new Upload({ client: s3, params: { Bucket: "big", Key: "dump.rdb", Body: Readable.from([data]) }, partSize: 5 * 1024 * 1024, queueSize: 2 }).done();
    const head = await s3.send(new HeadObjectCommand({ Bucket: "big", Key: "dump.rdb" }));
    expect(head.ContentLength).toBe(data.length);
    expect(head.ETag).toMatch(/-3"$/);
    const got = Buffer.from(await (await s3.send(new GetObjectCommand({ Bucket: "big", Key: "dump.rdb" }))).Body!.transformToByteArray());
    expect(md5(got)).toBe(md5(data));
    expect(lab.calls({ action: "UploadPart" })).toHaveLength(3);

    const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket: "big", Key: "aborted" }));
    await s3.send(new AbortMultipartUploadCommand({ Bucket: "big", Key: "aborted", UploadId }));
    const list = await s3.send(new ListObjectsV2Command({ Bucket: "big" }));
    expect(list.Contents?.map((c) => c.Key)).toEqual(["dump.rdb"]);
  });

  it("new buckets enforce bucket-owner ownership: ACL puts fail until ownership allows ACLs", async () => {
    const { s3 } = labClients(lab);
    await s3.send(new CreateBucketCommand({ Bucket: "acl-bucket" }));
    const oc = await s3.send(new GetBucketOwnershipControlsCommand({ Bucket: "acl-bucket" }));
    expect(oc.OwnershipControls?.Rules?.[0].ObjectOwnership).toBe("BucketOwnerEnforced");
    const grant = `id="${lab.elastiCacheCanonicalId}"`;
    const refused = await s3.send(new PutBucketAclCommand({ Bucket: "acl-bucket", GrantRead: grant })).catch((e) => e);
    expect([refused.name, refused.$metadata.httpStatusCode]).toEqual(["AccessControlListNotSupported", 400]);

    await s3.send(new PutBucketOwnershipControlsCommand({ Bucket: "acl-bucket", OwnershipControls: { Rules: [{ ObjectOwnership: "ObjectWriter" }] } }));
    await s3.send(new PutBucketAclCommand({
      Bucket: "acl-bucket",
      AccessControlPolicy: {
        Owner: { ID: lab.accounts.A.canonicalId },
        Grants: [
          { Grantee: { Type: "CanonicalUser", ID: lab.accounts.A.canonicalId }, Permission: "FULL_CONTROL" },
          { Grantee: { Type: "CanonicalUser", ID: lab.elastiCacheCanonicalId }, Permission: "READ_ACP" },
        ],
      },
    }));
    const acl = await s3.send(new GetBucketAclCommand({ Bucket: "acl-bucket" }));
    expect(acl.Grants?.map((g) => [g.Grantee?.Type, g.Grantee?.ID, g.Permission])).toEqual([
      ["CanonicalUser", lab.accounts.A.canonicalId, "FULL_CONTROL"],
      ["CanonicalUser", lab.elastiCacheCanonicalId, "READ_ACP"],
    ]);
    await s3.send(new PutObjectCommand({ Bucket: "acl-bucket", Key: "k", Body: "v", ACL: "public-read" }));
    const objAcl = await s3.send(new GetObjectAclCommand({ Bucket: "acl-bucket", Key: "k" }));
    expect(objAcl.Grants?.map((g) => g.Grantee?.URI ?? g.Grantee?.ID)).toContain("http://acs.amazonaws.com/groups/global/AllUsers");
  });

  it("another account cannot read or write a bucket it was not granted", async () => {
    const b = labClients(lab, "B").s3;
    const read = await b.send(new GetObjectCommand({ Bucket: "objs", Key: "dir/a b.txt" })).catch((e) => e);
    expect([read.name, read.$metadata.httpStatusCode]).toEqual(["AccessDenied", 403]);
    const write = await b.send(new PutObjectCommand({ Bucket: "objs", Key: "intruder", Body: "x" })).catch((e) => e);
    expect(write.name).toBe("AccessDenied");
    const taken = await b.send(new CreateBucketCommand({ Bucket: "objs" })).catch((e) => e);
    expect([taken.name, taken.$metadata.httpStatusCode]).toEqual(["BucketAlreadyExists", 409]);
  });
});
