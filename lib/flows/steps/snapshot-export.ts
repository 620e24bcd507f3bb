import "server-only";
import { AppError } from "../../errors";
import { canonicalUserFor } from "../../preflight/snapshot-checks";
import { lookAtExport, startExport } from "../../snapshot/export-snapshot";
import { grantCanonicalUser } from "../../snapshot/grant-read";
import type { TStepDef } from "../types";
import { sendOnce, sentEarlierWithoutRetry } from "../write-ahead";
import { snapshotContext, stepDetail } from "./snapshot-context";

/**
 * CopySnapshot into the export bucket (source account), then wait until every node group's RDB
 * is there. The world first: objects already present (an earlier runner's call) are the answer,
 * and a sent-but-unseen call is waited on, never sent twice without the operator's Retry.
 */
export const snapshotExport: TStepDef = {
  name: "export",
  label: "Export the snapshot to S3 (CopySnapshot)",
  async run(ctx) {
    const s = snapshotContext(ctx);
    if (!s.fromElastiCache) return { status: "done", note: "Self-managed source: the RDB was streamed straight to the import bucket." };
    const { elasticache, s3, region } = s.sourceAws();
    const snap = await stepDetail(ctx.migration.id, "snapshot");
    const snapshotName = String(snap.snapshotName);
    const keys = s.names.exportKeys(Number(snap.nodeGroups ?? 1));
    const bucket = s.options.exportBucket!;
    const look = await lookAtExport({ elasticache, s3, snapshotName, bucket, keys });
    if (look.complete && look.snapshotStatus === "available") {
      for (const o of look.present) await s.track.created("s3-object", `${bucket}/${o.key}`, { etag: o.etag, size: o.size });
      return { status: "done", detail: { exportBucket: bucket, exportKeys: keys, bytes: look.present.reduce((n, o) => n + o.size, 0) } };
    }
    if (sentEarlierWithoutRetry(ctx.detail)) {
      const elapsed = Date.now() - Date.parse(String(ctx.detail.sentAt));
      if (look.snapshotStatus !== "available" || elapsed < 10 * 60_000) {
        return { status: "waiting", detail: { snapshotStatus: look.snapshotStatus, present: look.present.length, of: keys.length }, note: `Exporting: ${look.present.length} of ${keys.length} RDB files in s3://${bucket}.` };
      }
      throw new AppError("AWS_ERROR", `CopySnapshot was sent at ${ctx.detail.sentAt} but after ${Math.round(elapsed / 60_000)} min only ${look.present.length} of ${keys.length} files are in s3://${bucket} and the snapshot is ${look.snapshotStatus}. See the source group's events; Retry sends CopySnapshot again.`);
    }
    if (s.options.confirmExportBucketGrants) {
      // The operator asked Ferry to fix the bucket's grants (explicit confirmation in the options).
      const granted = await grantCanonicalUser({ s3, target: { bucket }, granteeId: canonicalUserFor(region), permissions: ["READ", "WRITE", "READ_ACP"], side: "source", track: s.track });
      if (granted.added.length) await ctx.event("aws.bucket_grant", `Added ElastiCache's ${granted.added.join(", ")} to the ACL of ${bucket} (operator-confirmed).`, { bucket, added: granted.added });
    }
    const out = await sendOnce(ctx, {
      call: "CopySnapshot",
      record: { exportKeys: keys },
      send: () => startExport({ elasticache, s3, region, snapshotName, exportName: s.names.exportName, bucket, keys, track: s.track }),
    });
    await ctx.event("aws.copy_snapshot", `CopySnapshot ${snapshotName} -> s3://${bucket}/${s.names.exportName}-*.rdb (${keys.length} file${keys.length > 1 ? "s" : ""}).`, { requestId: out.requestId, keys });
    return { status: "waiting", detail: { requestId: out.requestId }, note: "Export started." };
  },
};
