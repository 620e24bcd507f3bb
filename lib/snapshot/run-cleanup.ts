import "server-only";
import { DeleteReplicationGroupCommand, DeleteSnapshotCommand } from "@aws-sdk/client-elasticache";
import { DeleteObjectCommand, type Permission } from "@aws-sdk/client-s3";
import { db } from "../db";
import { AppError } from "../errors";
import { classifyAwsError } from "../aws/classify-aws-error";
import { recordEvent } from "../events/record-event";
import { detailOf, listCreatedResources } from "./created-resources";
import { revokeCanonicalUser } from "./grant-read";
import { loadMigration, planCleanup } from "./plan-cleanup";
import { clientsForSide } from "./side-clients";

// Grants before the objects they sit on (revoking is pointless once the object is gone, harmless before).
const ORDER = ["replication-group", "object-grant", "s3-object", "snapshot", "bucket-grant"];

export type CleanupOutcome = { id: string; kind: string; identifier: string; result: "deleted" | "gone" | "skipped" | "failed"; message?: string };

/**
 * Deletes the chosen resources, each only if this migration's bookkeeping says Ferry created it
 * and the dry run (re-read now, not trusted from the page) still calls it deletable. Every
 * deletion is an Event and marks the row, so a second run deletes nothing.
 */
export async function runCleanup(opts: { migrationId: string; resourceIds: string[]; actor: { id: string; email: string } | null; confirm: true }): Promise<CleanupOutcome[]> {
  if (opts.confirm !== true) throw new AppError("INVALID_INPUT", "Cleanup deletes resources: it needs an explicit confirmation.");
  const m = await loadMigration(opts.migrationId);
  const rows = new Map((await listCreatedResources(opts.migrationId)).map((r) => [r.id, r]));
  const plan = new Map((await planCleanup(opts.migrationId)).items.map((i) => [i.id, i]));
  const chosen = opts.resourceIds.map((id) => rows.get(id)).filter((r): r is NonNullable<typeof r> => !!r)
    .sort((a, b) => ORDER.indexOf(a.kind) - ORDER.indexOf(b.kind));
  const out: CleanupOutcome[] = [];
  for (const id of opts.resourceIds) if (!rows.has(id)) out.push({ id, kind: "?", identifier: "?", result: "skipped", message: "Not a resource this migration created" });
  for (const r of chosen) {
    const item = plan.get(r.id)!;
    const base = { id: r.id, kind: r.kind, identifier: r.identifier };
    if (item.exists === false) {
      if (r.status !== "deleted") await db.createdResource.update({ where: { id: r.id }, data: { status: "gone" } });
      out.push({ ...base, result: "gone" });
      continue;
    }
    if (!item.deletable) {
      out.push({ ...base, result: "skipped", message: item.note });
      continue;
    }
    try {
      await deleteOne(m, r);
      await db.createdResource.update({ where: { id: r.id }, data: { status: "deleted", deletedAt: new Date(), deletedBy: opts.actor?.email ?? "runner" } });
      await recordEvent({ type: "cleanup.deleted", actor: opts.actor, migrationId: m.id, message: `Cleanup deleted ${r.kind} ${r.identifier} (${r.side} account).`, data: { resourceId: r.id, kind: r.kind, identifier: r.identifier } });
      out.push({ ...base, result: "deleted" });
    } catch (err) {
      const e = classifyAwsError(err, `Deleting ${r.kind} ${r.identifier}`);
      await recordEvent({ type: "cleanup.failed", level: "warn", actor: opts.actor, migrationId: m.id, message: e.message, data: { resourceId: r.id, code: e.code } });
      out.push({ ...base, result: "failed", message: e.message });
    }
  }
  return out;
}

async function deleteOne(m: Awaited<ReturnType<typeof loadMigration>>, r: Awaited<ReturnType<typeof listCreatedResources>>[number]): Promise<void> {
  const c = clientsForSide(m, r.side as "source" | "target");
  const d = detailOf(r);
  switch (r.kind) {
    case "snapshot":
      await c.elasticache.send(new DeleteSnapshotCommand({ SnapshotName: r.identifier }));
      return;
    case "s3-object":
      await c.s3.send(new DeleteObjectCommand({ Bucket: String(d.bucket), Key: String(d.key) }));
      return;
    case "object-grant":
    case "bucket-grant":
      await revokeCanonicalUser({ s3: c.s3, target: { bucket: String(d.bucket), key: d.key ? String(d.key) : undefined }, granteeId: String(d.granteeId), permissions: d.added as Permission[] });
      return;
    case "replication-group":
      await c.elasticache.send(new DeleteReplicationGroupCommand({ ReplicationGroupId: r.identifier }));
      return;
  }
}
