import type { Metadata } from "next";
import { requireUser } from "@/lib/actions/current-user";
import { PageHeader } from "@/components/page-header";
import { EmptyState } from "@/components/ui/empty-state";

export const metadata: Metadata = { title: "Endpoints" };

export default async function EndpointsPage() {
  await requireUser();
  return (
    <>
      <PageHeader title="Endpoints" description="Self-managed Redis hosts and ElastiCache replication groups Ferry can reach." />
      <EmptyState title="No endpoints registered yet" />
    </>
  );
}
