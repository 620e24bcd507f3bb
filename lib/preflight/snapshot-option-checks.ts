import type { TSnapshotOptions } from "../snapshot/snapshot-options";
import { describeClusterRestore } from "../snapshot/cluster-target-layout";
import { check, type PreflightCheck } from "./types";

type Input = {
  migrationId: string;
  options: TSnapshotOptions | null;
  /** An ElastiCache source exports to its own account's bucket, then copies to the target's. */
  fromElastiCache: boolean;
  /** The bucket checks already run for these options (the export bucket's grants among them). */
  bucketChecks: PreflightCheck[];
};

/**
 * What the snapshot flow's copy and export steps will ask for, asked here instead: the buckets,
 * and the operator's confirmation for each grant Ferry must add. All of them are set on the
 * migration's snapshot page, so every fix links there.
 */
export function snapshotOptionChecks({ migrationId, options, fromElastiCache, bucketChecks }: Input): PreflightCheck[] {
  const fixLink = { href: `/migrations/${migrationId}/snapshot`, label: "Set them in the snapshot options" };
  const withLink = (c: PreflightCheck): PreflightCheck => (c.status === "pass" ? c : { ...c, fixLink });
  if (!options || (fromElastiCache && !options.exportBucket)) {
    const needs = fromElastiCache ? "an export bucket (source account) and an import bucket (target account)" : "an import bucket (target account)";
    return [withLink(check("snapshot.options", "target", "Snapshot options are set", "fail",
      options ? "No export bucket is set." : "No snapshot options are saved for this migration.",
      `The snapshot flow needs ${needs} in the ElastiCache region; without them the run stops at its first S3 step.`,
      "Set the buckets (and the grant confirmations) on the migration's snapshot page, save, and run the checks again."))];
  }
  const out: PreflightCheck[] = [check("snapshot.options", "target", "Snapshot options are set", "pass",
    fromElastiCache ? `Export bucket ${options.exportBucket}, import bucket ${options.importBucket}.` : `Import bucket ${options.importBucket} (${options.rdbSource === "uploaded" ? "uploaded RDB" : "RDB streamed by Ferry"}).`,
    "The snapshot flow writes and reads the RDB in these buckets.")];
  if (fromElastiCache && options.exportBucket !== options.importBucket) {
    out.push(withLink(check("snapshot.cross-account-grant", "target", "Grant to the target account is confirmed",
      options.confirmCrossAccountGrant ? "pass" : "fail",
      options.confirmCrossAccountGrant
        ? "Confirmed: Ferry grants the target account READ on the exported RDB files only (cleanup removes the grant)."
        : `Not confirmed: the copy from ${options.exportBucket} to ${options.importBucket} would stop and ask for it.`,
      "The target account copies the exported RDB files server-side, so it needs READ on them; Ferry adds that grant only with the operator's yes.",
      "On the snapshot page tick `Grant the target account READ on the exported RDB files` and save.")));
  }
  return out.concat(clusterTargetCheck(options), exportGrantsCheck(bucketChecks, options, withLink));
}

/** Says what AWS will do with the RDBs when the target is cluster-mode-enabled (the shard count and slot split). */
function clusterTargetCheck(options: TSnapshotOptions): PreflightCheck[] {
  const shards = options.numNodeGroups;
  if (!options.clusterMode && !(shards && shards > 1)) return [];
  const evidence = shards
    ? describeClusterRestore({ numNodeGroups: shards, replicasPerNodeGroup: options.replicasPerNodeGroup ?? 1, rdbCount: 1 }).replace(" from the 1 RDB file(s)", " from the RDB file(s)")
    : "Cluster mode enabled with one shard per RDB file, each keeping its source shard's slots.";
  return [check("snapshot.cluster-target", "target", "Cluster-mode target from the RDBs", "pass", evidence,
    "A cluster-mode-enabled target is created with NodeGroupConfiguration (one slot range per shard); ElastiCache puts each key on the shard owning its slot, whichever RDB it came from.")];
}

/** A failing export-bucket grant check is what Ferry fixes when the operator confirmed it. */
function exportGrantsCheck(bucketChecks: PreflightCheck[], options: TSnapshotOptions, withLink: (c: PreflightCheck) => PreflightCheck): PreflightCheck[] {
  const grants = bucketChecks.find((c) => c.id === `target.bucket-grants:${options.exportBucket}` && c.side === "source");
  if (!grants || grants.status === "pass") return [];
  if (options.confirmExportBucketGrants) {
    return [check("snapshot.export-grants", "source", "ElastiCache's grants on the export bucket are confirmed", "pass",
      `Confirmed: Ferry adds ElastiCache's READ, WRITE and READ_ACP to the ACL of ${options.exportBucket} before the export.`,
      "ElastiCache writes the export as its canonical user.")];
  }
  return [withLink(check("snapshot.export-grants", "source", "ElastiCache's grants on the export bucket are confirmed", "fail",
    `The export bucket ${options.exportBucket} lacks ElastiCache's grants and Ferry was not asked to add them.`,
    "ElastiCache writes the export as its canonical user; S3 refuses it without these grants.",
    "Add the grants yourself (see the bucket check), or on the snapshot page tick `Add ElastiCache's READ, WRITE and READ_ACP` and save."))];
}
