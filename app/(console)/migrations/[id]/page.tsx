import type { Metadata } from "next";
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
