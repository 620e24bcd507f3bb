import "server-only";
import { AppError } from "../../errors";
import { bucketOwnerId, copyToTargetAccount } from "../../snapshot/copy-to-target-account";
import { grantCanonicalUser } from "../../snapshot/grant-read";
import type { TStepDef } from "../types";
import { snapshotContext, stepDetail } from "./snapshot-context";

/**
 * Exported RDBs (source account) -> import bucket (target account), server-side. The target
 * account must be able to read them: Ferry grants it READ on exactly these objects, and only
 * when the operator confirmed that in the snapshot options.
 */
export const snapshotCopy: TStepDef = {
  name: "copy",
  label: "Copy the RDB files to the target account's bucket",
  async run(ctx) {
    const s = snapshotContext(ctx);
    if (!s.fromElastiCache) return { status: "done", note: "Self-managed source: the RDB is already in the import bucket." };
    const exported = await stepDetail(ctx.migration.id, "export");
    const exportKeys = exported.exportKeys as string[];
    const exportBucket = s.options.exportBucket!;
    if (s.sameBucket) return { status: "done", detail: { seedKeys: exportKeys }, note: "Export and import bucket are the same: nothing to copy." };
    const source = s.sourceAws();
    const target = s.targetAws();
    const targetAccountId = await bucketOwnerId(target.s3, s.options.importBucket);
    if (!s.options.confirmCrossAccountGrant) {
      throw new AppError("PREFLIGHT_FAILED",
        `The target account (canonical id ${targetAccountId.slice(0, 12)}…) needs READ on ${exportKeys.length} exported RDB file(s) in ${exportBucket} before it can copy them. ` +
          "Confirm \"Grant the target account read on the exported RDB files\" in the snapshot options (Ferry grants exactly those objects and cleanup removes them), or grant it yourself, then Retry.",
        { exportKeys, targetAccountId });
    }
    await ctx.assertLease();
    for (const key of exportKeys) {
      const g = await grantCanonicalUser({ s3: source.s3, target: { bucket: exportBucket, key }, granteeId: targetAccountId, permissions: ["READ"], side: "source", track: s.track });
      if (g.added.length) await ctx.event("aws.object_grant", `Granted the target account READ on s3://${exportBucket}/${key} (operator-confirmed).`, { key, granteeId: targetAccountId });
    }
    const copies = exportKeys.map((exportKey) => ({ exportKey, importKey: s.names.importKeyFor(exportKey) }));
    const out = await copyToTargetAccount({ sourceS3: source.s3, targetS3: target.s3, exportBucket, importBucket: s.options.importBucket, copies, track: s.track });
    const copied = out.filter((o) => o.copied);
    if (copied.length) {
      await ctx.afterWorldChange("CopyObject");
      await ctx.event("aws.copy_object", `Copied ${copied.length} RDB file(s) server-side to s3://${s.options.importBucket}/ (${copied.map((o) => o.key).join(", ")}).`, { keys: copied.map((o) => o.key) });
    }
    return { status: "done", detail: { seedKeys: out.map((o) => o.key), bytes: out.reduce((n, o) => n + o.size, 0), copied: copied.length } };
  },
};
