import type { Metadata } from "next";
import { requireUser } from "@/lib/actions/current-user";
import { hasRole } from "@/lib/auth/roles";
import { listEndpoints } from "@/lib/endpoints/list-endpoints";
import { env } from "@/lib/env";
import { PageHeader } from "@/components/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { Card } from "@/components/ui/card";
import { EndpointForm } from "@/components/endpoints/endpoint-form";
import { EndpointTable } from "@/components/endpoints/endpoint-table";
import { BaselineList } from "@/components/baselines/baseline-list";
import { listBaselines } from "@/lib/baselines/list-baselines";
import { CardTitle } from "@/components/ui/card";

export const metadata: Metadata = { title: "Endpoints" };

export default async function EndpointsPage({ searchParams }: { searchParams: Promise<{ edit?: string | string[] }> }) {
  const user = await requireUser();
  const { edit } = await searchParams;
  const canOperate = hasRole(user.role, "operator");
  const [endpoints, baselines] = await Promise.all([listEndpoints(), listBaselines({ limit: 30 })]);
  const editing = typeof edit === "string" ? endpoints.find((ep) => ep.id === edit) : undefined;
  return (
    <>
      <PageHeader title="Endpoints" description="Self-managed Redis hosts and ElastiCache replication groups Ferry can reach." />
      <div className="space-y-6">
        {endpoints.length ? (
          <Card><EndpointTable endpoints={endpoints} canOperate={canOperate} /></Card>
        ) : (
          <EmptyState title="No endpoints registered yet">{canOperate ? "Register a source and a target below." : "An operator can register them."}</EmptyState>
        )}
        {baselines.length ? (
          <Card>
            <CardTitle>Recent baselines</CardTitle>
            <BaselineList rows={baselines} />
          </Card>
        ) : null}
        {canOperate ? <EndpointForm key={editing?.id ?? "new"} defaultRegion={env().AWS_REGION ?? "us-east-1"} editing={editing} /> : null}
      </div>
    </>
  );
}
