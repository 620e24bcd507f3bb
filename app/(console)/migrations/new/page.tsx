import type { Metadata } from "next";
import Link from "next/link";
import { requireUser } from "@/lib/actions/current-user";
import { listEndpoints } from "@/lib/endpoints/list-endpoints";
import { STRATEGIES } from "@/lib/migrations/strategies";
import { PageHeader } from "@/components/page-header";
import { NewMigrationForm } from "@/components/migrations/new-migration-form";

export const metadata: Metadata = { title: "New migration" };

export default async function NewMigrationPage() {
  await requireUser("operator");
  const endpoints = await listEndpoints();
  return (
    <>
      <PageHeader title="New migration" description="Choose how to move the data, then from where to where. Pre-flight checks and baselines come next." />
      {endpoints.length < 2 ? (
        <p className="mb-4 text-sm text-warn">
          A migration needs two registered endpoints. <Link href="/endpoints" className="underline">Register them first</Link>.
        </p>
      ) : null}
      <NewMigrationForm strategies={STRATEGIES} endpoints={endpoints.map((e) => ({ id: e.id, name: e.name, kind: e.kind, address: e.address }))} />
    </>
  );
}
