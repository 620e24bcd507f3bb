import "server-only";
import type { Permission } from "@aws-sdk/client-s3";
import { db } from "../db";
import { AppError } from "../errors";
import { describeReplicationGroup } from "../aws/elasticache";
import { holds, readAcl } from "./acl-grants";
import { describeSnapshot } from "./create-or-reuse-snapshot";
import { detailOf, listCreatedResources } from "./created-resources";
import { headObject } from "./export-snapshot";
import { clientsForSide } from "./side-clients";

export type CleanupItem = {
  id: string;
  kind: string;
  side: string;
  identifier: string;
  /** Ferry's bookkeeping: pending (call sent, outcome unknown) | created | deleted | gone. */
  status: string;
  /** What the world says now; null when it could not be read. */
  exists: boolean | null;
  deletable: boolean;
  note: string;
};

type Row = Awaited<ReturnType<typeof listCreatedResources>>[number];
type M = NonNullable<Awaited<ReturnType<typeof loadMigration>>>;

/**
 * The dry-run view: every resource this migration created, whether it still exists, and whether
 * cleanup would delete it. Reads only. The target group of a completed migration is listed but
 * never deletable here: it is the migration's result.
 */
export async function planCleanup(migrationId: string): Promise<{ items: CleanupItem[] }> {
  const m = await loadMigration(migrationId);
  const rows = await listCreatedResources(migrationId);
  const items: CleanupItem[] = [];
  for (const r of rows) items.push(await inspect(m, r));
  return { items };
}

export async function loadMigration(migrationId: string) {
  const m = await db.migration.findUnique({ where: { id: migrationId }, include: { source: true, target: true } });
  if (!m) throw new AppError("NOT_FOUND", "That migration does not exist.");
  return m;
}

async function inspect(m: M, r: Row): Promise<CleanupItem> {
  const base = { id: r.id, kind: r.kind, side: r.side, identifier: r.identifier, status: r.status };
  if (r.status === "deleted" || r.status === "gone") return { ...base, exists: false, deletable: false, note: r.status === "deleted" ? `Deleted ${r.deletedAt?.toISOString()} by ${r.deletedBy}` : "Already gone" };
  try {
    const world = await worldOf(m, r);
    if (!world.exists) return { ...base, exists: false, deletable: false, note: r.status === "pending" ? "The call never took effect" : "No longer exists" };
    if (r.kind === "replication-group" && m.state === "completed") return { ...base, exists: true, deletable: false, note: "The migration's result: kept" };
    return { ...base, exists: true, deletable: !world.refuse, note: world.refuse ?? "Would be deleted" };
  } catch (err) {
    return { ...base, exists: null, deletable: false, note: `Could not check: ${(err as Error).message}` };
  }
}

/** Whether the resource exists, and a reason to refuse deleting it even though Ferry made it. */
export async function worldOf(m: M, r: Row): Promise<{ exists: boolean; refuse?: string }> {
  const c = clientsForSide(m, r.side as "source" | "target");
  const d = detailOf(r);
  switch (r.kind) {
    case "snapshot":
      return { exists: !!(await describeSnapshot(c.elasticache, r.identifier)) };
    case "s3-object": {
      const h = await headObject(c.s3, String(d.bucket), String(d.key));
      if (!h) return { exists: false };
      // Someone wrote over our key since: that object is theirs now.
      const changed = typeof d.etag === "string" && h.etag !== d.etag;
      return { exists: true, refuse: changed ? `Changed since Ferry wrote it (ETag ${h.etag}, Ferry's ${d.etag}): not Ferry's object any more` : undefined };
    }
    case "object-grant":
    case "bucket-grant": {
      const target = { bucket: String(d.bucket), key: d.key ? String(d.key) : undefined };
      if (target.key && !(await headObject(c.s3, target.bucket, target.key))) return { exists: false };
      const acl = await readAcl(c.s3, target);
      return { exists: (d.added as Permission[]).some((p) => holds(acl.grants, String(d.granteeId), p)) };
    }
    case "replication-group": {
      const rg = await describeReplicationGroup(c, r.identifier).catch((e: AppError) => (e.code === "AWS_NOT_FOUND" ? null : Promise.reject(e)));
      return { exists: !!rg && rg.Status !== "deleting" };
    }
    default:
      return { exists: false, refuse: `Unknown kind ${r.kind}` };
  }
}
