/**
 * Names are derived from the migration id, never random: a restarted step computes the same names
 * and finds its own earlier snapshot/objects instead of making second ones.
 */
export function snapshotNamesFor(migrationId: string, importPrefix = "ferry/") {
  const base = `ferry-${migrationId.toLowerCase().replace(/[^a-z0-9]/g, "").slice(-12)}`;
  const exportName = `${base}-export`;
  const prefix = importPrefix && !importPrefix.endsWith("/") ? `${importPrefix}/` : importPrefix;
  return {
    snapshotName: base,
    exportName,
    /** CopySnapshot writes one object per node group: `<exportName>-0001.rdb`, `-0002.rdb`, ... */
    exportKeys: (nodeGroups: number) => Array.from({ length: nodeGroups }, (_, i) => `${exportName}-${String(i + 1).padStart(4, "0")}.rdb`),
    /** The copy in the target account's bucket keeps the export's file name under the prefix. */
    importKeyFor: (exportKey: string) => `${prefix}${exportKey}`,
    /** Self-managed sources: the streamed RDB. */
    uploadKey: `${prefix}${base}.rdb`,
  };
}

export function s3Arn(bucket: string, key: string): string {
  return `arn:aws:s3:::${bucket}/${key}`;
}
