import "server-only";
import { headObject } from "../../snapshot/export-snapshot";
import { streamRdbToS3, type StreamRdbToS3Result } from "../../snapshot/stream-rdb-to-s3";
import { readVerifyNodes } from "../../verify/engine/cluster/read-verify-nodes";
import type { TRedisEndpoint } from "../../redis/endpoint";
import type { TFlowContext, TStepOutcome } from "../types";
import { recordSnapshotMoment, type TSnapshotContext } from "./snapshot-context";
import { formatBytes } from "../../format-bytes";

/**
 * Streams the self-managed source's RDB(s) into the import bucket: one node's, or for a Redis
 * Cluster one per primary (`<name>-0001.rdb`... in slot order), since each primary holds only its
 * slots' keys. The primaries are streamed one after another: the snapshot moment is the first fork,
 * and later primaries may include writes up to their own fork.
 */
export async function streamSourceRdbs(ctx: TFlowContext, s: TSnapshotContext): Promise<TStepOutcome> {
  const { s3 } = s.targetAws();
  const bucket = s.options.importBucket;
  const source = (await ctx.source()).redis;
  const side = await readVerifyNodes(source);
  const parts = side.cluster
    ? side.nodes.map((n, i) => ({ endpoint: n.endpoint, key: s.names.uploadKey.replace(/\.rdb$/, `-${String(i + 1).padStart(4, "0")}.rdb`), slots: n.slots }))
    : [{ endpoint: source, key: s.names.uploadKey, slots: undefined }];
  const keys = parts.map((p) => p.key);
  // One range per primary is what NodeGroupConfiguration can say; several ranges leave it to AWS's even split.
  const sourceSlots = side.cluster && parts.every((p) => p.slots?.length === 1) ? parts.map((p) => p.slots![0].join("-")) : undefined;
  const present = await Promise.all(keys.map((k) => headObject(s3, bucket, k)));
  const ours = await Promise.all(keys.map((k) => s.track.isOurs("s3-object", `${bucket}/${k}`)));
  if (ctx.detail.streamedAt && present.every(Boolean) && ours.every(Boolean)) {
    return { status: "done", detail: { seedKeys: keys, sourceSlots, bytes: present.reduce((n, o) => n + (o?.size ?? 0), 0) } };
  }
  await ctx.assertLease();
  const results: StreamRdbToS3Result[] = [];
  let firstFork: number | null = null;
  for (const p of parts) {
    const started = Date.now();
    const r = await streamOne(ctx, s, p.endpoint, bucket, p.key);
    firstFork ??= started + r.waitedMs;
    results.push(r);
  }
  const streamedAt = new Date().toISOString();
  await ctx.saveDetail({ streamedAt });
  await ctx.afterWorldChange("RDB upload");
  const moment = new Date(firstFork!).toISOString();
  const first = results[0];
  await recordSnapshotMoment(ctx.migration, moment, side.cluster
    ? `RDBs streamed over replication from ${parts.length} primaries (first fork)`
    : `RDB streamed over replication (${first.format}, replid ${first.replId} offset ${first.offset})`);
  const bytes = results.reduce((n, r) => n + r.bytes, 0);
  const durationMs = results.reduce((n, r) => n + r.durationMs, 0);
  return { status: "done", detail: { seedKeys: keys, sourceSlots, bytes, format: first.format, replId: first.replId, offset: first.offset, snapshotMoment: moment, streamedAt, durationMs } };
}

async function streamOne(ctx: TFlowContext, s: TSnapshotContext, endpoint: TRedisEndpoint, bucket: string, key: string): Promise<StreamRdbToS3Result> {
  await s.track.pending("s3-object", "target", `${bucket}/${key}`, { bucket, key, by: "RDB stream" });
  let saving = Promise.resolve();
  const result = await streamRdbToS3({
    endpoint, s3: s.targetAws().s3, bucket, key,
    progressEveryMs: 1_000,
    onProgress: (p) => {
      saving = saving.then(() => ctx.saveDetail({ streamedBytes: p.bytes, announcedBytes: p.announcedBytes, elapsedMs: p.elapsedMs, streamingKey: key })).catch(() => {});
    },
  });
  await saving;
  await s.track.created("s3-object", `${bucket}/${key}`, { etag: result.etag, size: result.bytes });
  await ctx.event("snapshot.rdb_streamed", `Streamed ${endpoint.host}:${endpoint.port}'s RDB (${formatBytes(result.bytes)}, ${result.format}) to s3://${bucket}/${key} in ${Math.round(result.durationMs / 100) / 10} s.`,
    { bytes: result.bytes, format: result.format, replId: result.replId, offset: result.offset, etag: result.etag });
  return result;
}
