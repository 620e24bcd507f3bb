import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireUser } from "@/lib/actions/current-user";
import { getBaseline } from "@/lib/baselines/list-baselines";
import { diffBaselines } from "@/lib/redis/diff-baselines";
import { replicaHealth } from "@/lib/redis/replica-health";
import { PageHeader } from "@/components/page-header";
import { Card } from "@/components/ui/card";
import { BaselineDiffTable } from "@/components/baselines/baseline-diff-table";
import { formatInZone, zoneLabel } from "@/lib/time/format-in-zone";
import { DEFAULT_TIME_ZONE } from "@/lib/time/time-zone";

export const metadata: Metadata = { title: "Compare baselines" };

export default async function CompareBaselinesPage({ searchParams }: { searchParams: Promise<{ a?: string; b?: string }> }) {
  const user = await requireUser();
  const tz = user.timeZone ?? DEFAULT_TIME_ZONE;
  const { a, b } = await searchParams;
  if (!a || !b) notFound();
  const [left, right] = await Promise.all([getBaseline(a), getBaseline(b)]).catch(() => notFound());
  const rows = diffBaselines(left.baseline, right.baseline);
  const when = (iso: string) => `${formatInZone(iso, tz)} ${zoneLabel(tz)}`;
  // Both captured for the same migration: lead back to it.
  const migrationId = left.migrationId && left.migrationId === right.migrationId ? left.migrationId : (left.migrationId ?? right.migrationId);
  const health = [left, right].map((x) => ({ name: x.endpointName, h: replicaHealth(x.baseline) }));
  return (
    <>
      <PageHeader
        title="Baselines side by side"
        description={`${left.endpointName} (${left.label}) vs ${right.endpointName} (${right.label})`}
        actions={migrationId ? <Link href={`/migrations/${migrationId}`} className="text-sm font-medium text-primary hover:underline">Back to migration</Link> : <Link href="/endpoints" className="text-sm font-medium text-primary hover:underline">Back to endpoints</Link>}
      />
      <Card>
        <BaselineDiffTable rows={rows} left={`${left.endpointName} · ${left.label} · ${when(left.capturedAt)}`} right={`${right.endpointName} · ${right.label} · ${when(right.capturedAt)}`} />
      </Card>
      {health.some((x) => x.h.replicas.length) ? (
        <Card className="mt-6">
          {health.map(({ name, h }) => (
            <p key={name} className="text-sm"><span className="font-medium">{name}</span>: {h.message}</p>
          ))}
        </Card>
      ) : null}
    </>
  );
}
