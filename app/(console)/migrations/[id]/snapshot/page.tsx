import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireUser } from "@/lib/actions/current-user";
import { hasRole } from "@/lib/auth/roles";
import { getMigration } from "@/lib/migrations/get-migration";
import { isAppError } from "@/lib/errors";
import { snapshotMomentOf, snapshotOptionsOf } from "@/lib/migrations/migration-record";
import { planCleanup } from "@/lib/snapshot/plan-cleanup";
import { PageHeader } from "@/components/page-header";
import { SnapshotOptions } from "@/components/migrations/snapshot-options";
import { SnapshotCleanup } from "@/components/migrations/snapshot-cleanup";

export const metadata: Metadata = { title: "Snapshot migration" };

export default async function SnapshotMigrationPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser();
  const { id } = await params;
  const migration = await getMigration(id).catch((err) => {
    if (isAppError(err) && err.code === "NOT_FOUND") notFound();
    throw err;
  });
  if (migration.strategy !== "snapshot") notFound();
  const { items } = await planCleanup(id);
  const canOperate = hasRole(user.role, "operator");
  return (
    <>
      <PageHeader title={`${migration.name}: snapshot`} description="Buckets, target shape, write freeze, and cleanup of what Ferry created."
        actions={<Link href={`/migrations/${id}`} className="text-sm font-medium text-primary hover:underline">Back to migration</Link>} />
      <div className="space-y-6">
        <SnapshotOptions migrationId={id} fromElastiCache={migration.source.kind === "elasticache"} options={snapshotOptionsOf(migration.options)}
          snapshotMoment={snapshotMomentOf(migration.options)?.at ?? null} editable={["draft", "failed"].includes(migration.state)} canOperate={canOperate} />
        <SnapshotCleanup migrationId={id} items={items} canOperate={canOperate} />
      </div>
    </>
  );
}
