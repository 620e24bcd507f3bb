import type { Metadata } from "next";
import { requireUser } from "@/lib/actions/current-user";
import { PageHeader } from "@/components/page-header";
import { EmptyState } from "@/components/ui/empty-state";

export const metadata: Metadata = { title: "Migrations" };

export default async function MigrationsPage() {
  await requireUser();
  return (
    <>
      <PageHeader title="Migrations" description="Every migration, its strategy, state and verdict." />
      <EmptyState title="No migrations yet">
        A migration moves a source Redis into a target: online (ElastiCache), REPLICAOF, snapshot through S3, or key-level replication.
      </EmptyState>
    </>
  );
}
