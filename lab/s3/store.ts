import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import type { Readable } from "node:stream";
import type { Grant, Ownership } from "./acl";

export type S3Object = {
  key: string;
  file: string;
  size: number;
  etag: string;
  contentType: string;
  lastModified: Date;
  /** Canonical id of the object owner. */
  owner: string;
  acl: Grant[];
  metadata: Record<string, string>;
};

export type Bucket = {
  name: string;
  ownerId: string;
  region: string;
  createdAt: Date;
  ownership: Ownership;
  acl: Grant[];
  objects: Map<string, S3Object>;
};

/**
 * Buckets and object metadata live in memory (the lab's state dies with it); object bytes live
 * in files under `<dir>/s3` and are always streamed, so RDBs of hundreds of MB are fine.
 */
export class S3Store {
  readonly buckets = new Map<string, Bucket>();
  private seq = 0;

  constructor(readonly dir: string) {
    fs.mkdirSync(path.join(dir, "s3", "tmp"), { recursive: true });
  }

  newFile(): string {
    return path.join(this.dir, "s3", "tmp", `${process.pid}-${++this.seq}-${crypto.randomBytes(4).toString("hex")}`);
  }

  /** Streams `body` to a new file and returns its size and MD5 (the S3 ETag for single-part uploads). */
  async writeFile(body: Readable): Promise<{ file: string; size: number; md5: string }> {
    const file = this.newFile();
    const hash = crypto.createHash("md5");
    let size = 0;
    body.on("data", (chunk: Buffer) => {
      hash.update(chunk);
      size += chunk.length;
    });
    await pipeline(body, fs.createWriteStream(file));
    return { file, size, md5: hash.digest("hex") };
  }

  /** Puts an object whose bytes are already in `file` (moved, not copied), replacing any old one. */
  putObject(bucket: Bucket, o: Omit<S3Object, "lastModified">): S3Object {
    const old = bucket.objects.get(o.key);
    if (old && old.file !== o.file) fs.rmSync(old.file, { force: true });
    const obj = { ...o, lastModified: new Date() };
    bucket.objects.set(o.key, obj);
    return obj;
  }

  deleteObject(bucket: Bucket, key: string): void {
    const o = bucket.objects.get(key);
    if (!o) return;
    fs.rmSync(o.file, { force: true });
    bucket.objects.delete(key);
  }
}
