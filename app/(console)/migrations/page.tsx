import type { Metadata } from "next";
import Link from "next/link";
import { requireUser } from "@/lib/actions/current-user";
import { hasRole } from "@/lib/auth/roles";
import { listMigrations } from "@/lib/migrations/list-migrations";
import { STRATEGIES, type TStrategy } from "@/lib/migrations/strategies";
import { PageHeader } from "@/components/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { Card } from "@/components/ui/card";
import { Table, Td, Th } from "@/components/ui/table";
import { StateBadge } from "@/components/migrations/state-badge";
import { TimeAt } from "@/components/time/time-at";

export const metadata: Metadata = { title: "Migrations" };

export default async function MigrationsPage() {
  const user = await requireUser();
  const migrations = await listMigrations();
  const newButton = hasRole(user.role, "operator") ? (
    <Link href="/migrations/new" className="inline-flex h-9 items-center rounded-md bg-primary px-4 text-sm font-medium text-primary-fg hover:opacity-90">New migration</Link>
  ) : null;
  return (
    <>
      <PageHeader title="Migrations" description="Every migration, its strategy, state and verdict." actions={newButton} />
      {migrations.length === 0 ? (
        <EmptyState title="No migrations yet">
          A migration moves a source Redis into a target: online (ElastiCache), REPLICAOF, snapshot through S3, or key-level replication.
        </EmptyState>
      ) : (
        <Card>
          <Table>
            <thead><tr><Th>Name</Th><Th>Strategy</Th><Th>Source → target</Th><Th>State</Th><Th>Created (UTC)</Th></tr></thead>
            <tbody>
              {migrations.map((m) => (
                <tr key={m.id}>
                  <Td><Link className="font-medium text-primary hover:underline" href={`/migrations/${m.id}`}>{m.name}</Link></Td>
                  <Td>{STRATEGIES[m.strategy as TStrategy]?.label ?? m.strategy}</Td>
                  <Td>{m.source} → {m.target}</Td>
                  <Td><StateBadge state={m.state} /></Td>
                  <Td className="font-mono text-xs"><TimeAt at={m.createdAt} precision="minute" /></Td>
                </tr>
              ))}
            </tbody>
          </Table>
        </Card>
      )}
    </>
  );
}
