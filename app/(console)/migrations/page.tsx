import type { Metadata } from "next";
import Link from "next/link";
import { requireUser } from "@/lib/actions/current-user";
import { hasRole } from "@/lib/auth/roles";
import { LIVE_STATES, listMigrations } from "@/lib/migrations/list-migrations";
import { formatBytes } from "@/lib/format-bytes";
import { Badge } from "@/components/ui/badge";
import { RefreshWhile } from "@/components/migrations/refresh-while";
import { STRATEGIES, type TStrategy } from "@/lib/migrations/strategies";
import { PageHeader } from "@/components/page-header";
import { cn } from "@/components/ui/cn";
import { EmptyState } from "@/components/ui/empty-state";
import { Card } from "@/components/ui/card";
import { Table, Td, Th } from "@/components/ui/table";
import { StateBadge } from "@/components/migrations/state-badge";
import { TimeAt } from "@/components/time/time-at";

export const metadata: Metadata = { title: "Migrations" };

/** The sampler reads both ends every second; the list need not follow it that closely. */
const LIST_REFRESH_MS = 5_000;

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
          A migration moves a source Redis into a target: online (ElastiCache or ElastiCache Serverless), REPLICAOF, snapshot through S3, or key-level replication.
        </EmptyState>
      ) : (
        <Card>
          <RefreshWhile live={migrations.some((m) => LIVE_STATES.includes(m.state))} everyMs={LIST_REFRESH_MS} />
          <Table>
            <thead><tr><Th>Name</Th><Th>Strategy</Th><Th>Source → target</Th><Th>State</Th><Th>Verdict</Th><Th>Lag</Th><Th>Last event (UTC)</Th><Th>Created (UTC)</Th></tr></thead>
            <tbody>
              {migrations.map((m) => (
                <tr key={m.id} data-testid={`migration-${m.name}`}>
                  <Td><Link className="font-medium text-primary hover:underline" href={`/migrations/${m.id}`}>{m.name}</Link></Td>
                  <Td>{STRATEGIES[m.strategy as TStrategy]?.label ?? m.strategy}</Td>
                  <Td>{m.source} → {m.target}</Td>
                  {/* A completed run whose report says FAIL is not a green success. */}
                  <Td><StateBadge state={m.state} tone={m.verdict?.result === "FAIL" ? "danger" : undefined} /></Td>
                  <Td data-testid="verdict">
                    {m.verdict ? <span title={m.verdict.why}><Badge tone={m.verdict.result === "PASS" ? "ok" : "danger"}>{m.verdict.result}</Badge></span> : <span className="text-xs text-muted-fg">not verified</span>}
                  </Td>
                  {/* Key-level replication has no byte offsets to compare; its lag (oldest unapplied event) is on the monitor. */}
                  <Td data-testid="lag" className="whitespace-nowrap font-mono text-xs">{LIVE_STATES.includes(m.state) && m.strategy !== "replicate" ? formatBytes(m.lagBytes, "not read yet") : "—"}</Td>
                  <Td data-testid="last-event" className="max-w-xs text-xs">
                    {m.lastEvent ? <><TimeAt at={m.lastEvent.at} className="font-mono" /> <span title={m.lastEvent.message} className={cn("line-clamp-3", m.lastEvent.level === "error" ? "text-danger" : m.lastEvent.level === "warn" ? "text-warn" : "")}>{m.lastEvent.message}</span></> : "—"}
                  </Td>
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
