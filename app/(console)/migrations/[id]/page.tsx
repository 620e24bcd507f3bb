import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireUser } from "@/lib/actions/current-user";
import { hasRole } from "@/lib/auth/roles";
import { getMigration } from "@/lib/migrations/get-migration";
import { listBaselines } from "@/lib/baselines/list-baselines";
import { listEvents } from "@/lib/events/list-events";
import { STRATEGIES } from "@/lib/migrations/strategies";
import { isAppError } from "@/lib/errors";
import { PageHeader } from "@/components/page-header";
import { Card, CardTitle } from "@/components/ui/card";
import { StateBadge } from "@/components/migrations/state-badge";
import { PreflightPanel } from "@/components/migrations/preflight-panel";
import { BaselinePanel } from "@/components/migrations/baseline-panel";
import { PlanSummary } from "@/components/migrations/plan-summary";
import { AuditLog } from "@/components/audit-log";
import { RunPanel } from "@/components/migrations/run-panel";
import { getRunView } from "@/lib/flows/get-run-view";
import { VerificationPanel } from "@/components/verify/verification-panel";
import { ReplicateOptions } from "@/components/migrations/replicate-options";
import { getReplicateOptions } from "@/lib/flows/replication/get-replicate-options";
import { getServerlessView } from "@/lib/serverless/get-serverless-view";
import { ServerlessOptionsForm } from "@/components/serverless/serverless-options-form";
import { MigrationEndpointCard } from "@/components/serverless/migration-endpoint-card";

export const metadata: Metadata = { title: "Migration" };

export default async function MigrationPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser();
  const { id } = await params;
  const migration = await getMigration(id).catch((err) => {
    if (isAppError(err) && err.code === "NOT_FOUND") notFound();
    throw err;
  });
  const [baselines, events, run] = await Promise.all([listBaselines({ migrationId: id }), listEvents({ migrationId: id, limit: 100 }), getRunView(id)]);
  const canOperate = hasRole(user.role, "operator");
  const serverless = migration.strategy === "serverless-online" ? await getServerlessView(id) : null;
  return (
    <>
      <PageHeader
        title={migration.name}
        description={`${STRATEGIES[migration.strategy].label} · ${migration.source.name} → ${migration.target.name}`}
        actions={<StateBadge state={migration.state} />}
      />
      <div className="space-y-6">
        <PreflightPanel migration={migration} canOperate={canOperate} />
        <BaselinePanel migration={migration} baselines={baselines} canOperate={canOperate} locked={!migration.preflightCleared} />
        <PlanSummary migration={migration} baselines={baselines} />
        {migration.strategy === "snapshot" ? (
          <Card data-testid="snapshot-link">
            <CardTitle>Snapshot options and cleanup</CardTitle>
            <p className="text-sm text-muted-fg">
              Buckets, the new group&apos;s shape, grants and the write-freeze window are set on the{" "}
              <Link className="text-primary underline" href={`/migrations/${migration.id}/snapshot`}>snapshot page</Link>; cleanup of what the flow created is there too.
            </p>
          </Card>
        ) : null}
        {migration.strategy === "replicate" ? (
          <ReplicateOptions migrationId={migration.id} targetName={migration.target.name} options={await getReplicateOptions(migration.id)}
            editable={migration.state === "draft" || migration.state === "failed"} canOperate={canOperate} />
        ) : null}
        {serverless ? (
          <>
            <ServerlessOptionsForm migrationId={id} cacheName={serverless.cacheName} options={serverless.options} editable={["draft", "failed"].includes(migration.state)} canOperate={canOperate} />
            {migration.state !== "draft" ? <MigrationEndpointCard view={serverless} canOperate={canOperate} /> : null}
          </>
        ) : null}
        <RunPanel run={run} canOperate={canOperate} />
        <VerificationPanel migrationId={migration.id} canOperate={canOperate} />
        <Card>
          <CardTitle>Timeline</CardTitle>
          <AuditLog events={events} />
        </Card>
      </div>
    </>
  );
}
