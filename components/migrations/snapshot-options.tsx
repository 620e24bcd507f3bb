"use client";
import { useState } from "react";
import { saveSnapshotOptionsAction } from "@/lib/actions/save-snapshot-options";
import type { TSnapshotOptions } from "@/lib/snapshot/snapshot-options";
import { targetSlotRanges } from "@/lib/snapshot/cluster-target-layout";
import { Card, CardTitle } from "../ui/card";
import { Field, Input, Select } from "../ui/input";
import { TimeAt } from "@/components/time/time-at";
import { useSaveOptions } from "./use-save-options";
import { OptionsSaveRow } from "./options-save-row";

type Props = { migrationId: string; fromElastiCache: boolean; options: TSnapshotOptions | null; snapshotMoment: string | null; editable: boolean; canOperate: boolean };

const num = (v: string) => (v.trim() === "" ? undefined : Number(v));
const str = (v: string) => (v.trim() === "" ? undefined : v.trim());

/** The operator's choices for a snapshot migration, and the plain statement of what it does not migrate. */
export function SnapshotOptions({ migrationId, fromElastiCache, options, snapshotMoment, editable, canOperate }: Props) {
  const { pending, error, saved, save: saveWith } = useSaveOptions();
  const [f, setF] = useState(() => ({
    exportBucket: options?.exportBucket ?? "", importBucket: options?.importBucket ?? "", importPrefix: options?.importPrefix ?? "ferry/",
    reuse: String(options?.reuseSnapshotWithinMinutes ?? 0), rdbSource: options?.rdbSource ?? "stream", uploadedKey: options?.uploadedKey ?? "",
    clusterMode: options?.clusterMode ?? false, nodeType: options?.nodeType ?? "", shards: String(options?.numNodeGroups ?? ""), replicas: String(options?.replicasPerNodeGroup ?? ""),
    parameterGroup: options?.parameterGroup ?? "", crossGrant: options?.confirmCrossAccountGrant ?? false, bucketGrants: options?.confirmExportBucketGrants ?? false,
    freezeFrom: options?.writeFreeze?.from ?? "", freezeTo: options?.writeFreeze?.to ?? "", freezeNote: options?.writeFreeze?.note ?? "",
  }));
  const set = (k: keyof typeof f) => (e: { target: { value: string; checked?: boolean; type?: string } }) =>
    setF((p) => ({ ...p, [k]: e.target.type === "checkbox" ? !!e.target.checked : e.target.value }));
  const save = () =>
    saveWith(() =>
      saveSnapshotOptionsAction({
        migrationId,
        options: {
          exportBucket: fromElastiCache ? str(f.exportBucket) : undefined, importBucket: f.importBucket.trim(), importPrefix: f.importPrefix,
          reuseSnapshotWithinMinutes: num(f.reuse) ?? 0, rdbSource: f.rdbSource, uploadedKey: str(f.uploadedKey),
          clusterMode: f.clusterMode || undefined, nodeType: str(f.nodeType), numNodeGroups: num(f.shards), replicasPerNodeGroup: num(f.replicas), parameterGroup: str(f.parameterGroup),
          confirmCrossAccountGrant: f.crossGrant, confirmExportBucketGrants: f.bucketGrants,
          writeFreeze: f.freezeFrom ? { from: f.freezeFrom, to: str(f.freezeTo), note: str(f.freezeNote) } : undefined,
        },
      }),
    );
  const disabled = !editable || !canOperate || pending;
  return (
    <Card data-testid="snapshot-options">
      <CardTitle>Snapshot options</CardTitle>
      <p className="mb-4 rounded-md border border-warn/40 bg-warn/10 p-3 text-sm" data-testid="snapshot-writes-warning">
        <strong>Writes after the snapshot moment are not migrated.</strong> The new group holds the source exactly as it was when the
        snapshot was taken{snapshotMoment ? <> (<span data-testid="snapshot-moment"><TimeAt at={snapshotMoment} zone /></span>)</> : ""}; anything
        written to the source afterwards is missing from it. Stop writes (a write freeze) from just before the snapshot until clients use the new group, and record the window below so the report states it.
      </p>
      <div className="grid gap-4 md:grid-cols-3 md:items-end">
        {fromElastiCache ? <Field label="Export bucket (source account)" htmlFor="so-export"><Input id="so-export" value={f.exportBucket} onChange={set("exportBucket")} disabled={disabled} /></Field> : null}
        <Field label="Import bucket (target account)" htmlFor="so-import"><Input id="so-import" value={f.importBucket} onChange={set("importBucket")} disabled={disabled} /></Field>
        <Field label="Key prefix in the import bucket" htmlFor="so-prefix"><Input id="so-prefix" value={f.importPrefix} onChange={set("importPrefix")} disabled={disabled} /></Field>
        {fromElastiCache ? (
          <Field label="Reuse a snapshot taken within (minutes, 0 = new)" htmlFor="so-reuse"><Input id="so-reuse" type="number" min={0} value={f.reuse} onChange={set("reuse")} disabled={disabled} /></Field>
        ) : (
          <>
            <Field label="RDB source" htmlFor="so-rdb">
              <Select id="so-rdb" value={f.rdbSource} onChange={set("rdbSource")} disabled={disabled}>
                <option value="stream">Stream over replication (nothing written on the source)</option>
                <option value="uploaded">Uploaded by hand (BGSAVE + aws s3 cp)</option>
              </Select>
            </Field>
            {f.rdbSource === "uploaded" ? <Field label="Uploaded object key" htmlFor="so-key"><Input id="so-key" value={f.uploadedKey} onChange={set("uploadedKey")} disabled={disabled} /></Field> : null}
          </>
        )}
        <Field label="Node type (blank: from the baseline)" htmlFor="so-node"><Input id="so-node" placeholder="cache.r7g.large" value={f.nodeType} onChange={set("nodeType")} disabled={disabled} /></Field>
        <Field label="Shards (blank: one per RDB file)" htmlFor="so-shards"><Input id="so-shards" type="number" min={1} value={f.shards} onChange={set("shards")} disabled={disabled} /></Field>
        <Field label="Replicas per shard (blank: 1, Multi-AZ)" htmlFor="so-replicas"><Input id="so-replicas" type="number" min={0} max={5} placeholder="1" value={f.replicas} onChange={set("replicas")} disabled={disabled} /></Field>
        <Field label="Parameter group" htmlFor="so-pg"><Input id="so-pg" value={f.parameterGroup} onChange={set("parameterGroup")} disabled={disabled} /></Field>
        <Field label="Write freeze from (UTC)" htmlFor="so-ff"><Input id="so-ff" type="datetime-local" value={f.freezeFrom} onChange={set("freezeFrom")} disabled={disabled} /></Field>
        <Field label="Write freeze until (UTC)" htmlFor="so-ft"><Input id="so-ft" type="datetime-local" value={f.freezeTo} onChange={set("freezeTo")} disabled={disabled} /></Field>
        <Field label="Freeze note (who stops writes, how)" htmlFor="so-fn"><Input id="so-fn" value={f.freezeNote} onChange={set("freezeNote")} disabled={disabled} /></Field>
      </div>
      <div className="mt-4 space-y-1 text-sm" data-testid="snapshot-cluster-mode">
        <label className="flex items-start gap-2"><input type="checkbox" checked={f.clusterMode} onChange={set("clusterMode")} disabled={disabled} />
          <span>Cluster mode enabled target (more than one shard implies it): ElastiCache loads every key of every RDB into the shard owning its slot.</span></label>
        {f.clusterMode || (num(f.shards) ?? 0) > 1 ? <ClusterSplit shards={num(f.shards)} /> : null}
      </div>
      {fromElastiCache ? (
        <div className="mt-4 space-y-2 text-sm">
          <label className="flex items-start gap-2"><input type="checkbox" checked={f.crossGrant} onChange={set("crossGrant")} disabled={disabled} />
            <span>Grant the target account READ on the exported RDB files (only those objects; cleanup removes the grant).</span></label>
          <label className="flex items-start gap-2"><input type="checkbox" checked={f.bucketGrants} onChange={set("bucketGrants")} disabled={disabled} />
            <span>Add ElastiCache&apos;s READ, WRITE and READ_ACP to the export bucket ACL if missing (existing grants are kept; cleanup removes only what Ferry added).</span></label>
        </div>
      ) : null}
      <OptionsSaveRow error={error} saved={saved} pending={pending} disabled={disabled} editable={editable} canOperate={canOperate} onSave={save} />
    </Card>
  );
}

/** The slot split AWS will make; blank shards means one per RDB, whose ranges the source decides. */
function ClusterSplit({ shards }: { shards: number | undefined }) {
  if (!shards) return <p className="text-muted-fg">Shards: one per RDB file, each keeping the source shard&apos;s slots.</p>;
  return <p className="text-muted-fg" data-testid="snapshot-slot-split">Slots: {targetSlotRanges(shards).map((r, i) => `${String(i + 1).padStart(4, "0")} ${r}`).join(" · ")} (the source&apos;s own ranges when it has {shards} shards).</p>;
}
