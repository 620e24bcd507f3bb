import "server-only";
import type { S3Client } from "@aws-sdk/client-s3";
import { Upload } from "@aws-sdk/lib-storage";
import { classifyAwsError } from "../aws/classify-aws-error";
import { openRdbStream, type OpenRdbStreamOptions, type RdbStreamResult } from "../redis/rdb-stream";

export type StreamRdbToS3Options = Omit<OpenRdbStreamOptions, "fallbackTarget"> & {
  s3: S3Client;
  bucket: string;
  key: string;
  /** Parts in flight; memory is about queueSize x partSize plus the socket-side buffer. */
  queueSize?: number;
  partSizeBytes?: number;
};

export type StreamRdbToS3Result = RdbStreamResult & { bucket: string; key: string; etag: string | null; parts: number };

const MB = 1024 * 1024;

/**
 * Source RDB -> S3 multipart upload with no file in between. Bounded memory: lib-storage holds at
 * most queueSize parts, and when it stops reading, the PassThrough fills and the source socket is
 * paused (TCP backpressure on the master, which just waits). A failed or cut stream aborts the
 * multipart upload, so no partial RDB object is ever left to seed a group from.
 */
export async function streamRdbToS3(opts: StreamRdbToS3Options): Promise<StreamRdbToS3Result> {
  const rdb = await openRdbStream({ ...opts, fallbackTarget: { bucket: opts.bucket, key: opts.key } });
  // 10,000 parts at most: 16 MB parts carry RDBs up to 160 GB when the size is not announced.
  const partSize = opts.partSizeBytes ?? 16 * MB;
  const upload = new Upload({
    client: opts.s3,
    params: { Bucket: opts.bucket, Key: opts.key, Body: rdb.body, ContentType: "application/octet-stream" },
    queueSize: opts.queueSize ?? 4,
    partSize,
    leavePartsOnError: false,
  });
  try {
    const [out, result] = await Promise.all([upload.done(), rdb.done]);
    return { ...result, bucket: opts.bucket, key: opts.key, etag: out.ETag ?? null, parts: Math.max(1, Math.ceil(result.bytes / partSize)) };
  } catch (err) {
    rdb.cancel(err instanceof Error ? err : new Error(String(err)));
    await upload.abort().catch(() => {});
    // A source-side failure is already an AppError; anything else came from S3.
    throw classifyAwsError(err, `Uploading the RDB to s3://${opts.bucket}/${opts.key}`);
  }
}
