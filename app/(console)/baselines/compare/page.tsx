import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireUser } from "@/lib/actions/current-user";
import { getBaseline } from "@/lib/baselines/list-baselines";
import { diffBaselines } from "@/lib/redis/diff-baselines";
import { replicaHealth } from "@/lib/redis/replica-health";
import { PageHeader } from "@/components/page-header";
import { Card } from "@/components/ui/card";
import { BaselineDiffTable } from "@/components/baselines/baseline-diff-table";

export const metadata: Metadata = { title: "Compare baselines" };

export default async function CompareBaselinesPage({ searchParams }: { searchParams: Promise<{ a?: string; b?: string }> }) {
  await requireUser();
  const { a, b } = await searchParams;
  if (!a || !b) notFound();
  const [left, right] = await Promise.all([getBaseline(a), getBaseline(b)]).catch(() => notFound());
  const rows = diffBaselines(left.baseline, right.baseline);
  const health = [left, right].map((x) => ({ name: x.endpointName, h: replicaHealth(x.baseline) }));
  return (
    <>
      <PageHeader title="Baselines side by side" description={`${left.endpointName} (${left.label}) vs ${right.endpointName} (${right.label})`} />
      <Card>
        <BaselineDiffTable rows={rows} left={`${left.endpointName} · ${left.label} · ${left.capturedAt.slice(0, 19)}`} right={`${right.endpointName} · ${right.label} · ${right.capturedAt.slice(0, 19)}`} />
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
