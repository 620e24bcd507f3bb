import type { TMigrationView } from "@/lib/migrations/get-migration";
import type { TBaselineRow } from "@/lib/baselines/list-baselines";
import { STRATEGIES } from "@/lib/migrations/strategies";
import { Card, CardTitle } from "../ui/card";

/** Step 3 of the wizard: what is about to happen, and what is still missing. */
export function PlanSummary({ migration, baselines }: { migration: TMigrationView; baselines: TBaselineRow[] }) {
  const has = (id: string) => baselines.some((b) => b.endpointId === id);
  const missing = [
    !migration.preflight && "pre-flight checks have not run",
    migration.preflight && !migration.preflightCleared && "pre-flight has failed checks (fix or override)",
    !has(migration.source.id) && "no baseline of the source",
    // A snapshot migration creates its target: there is nothing to baseline before it runs.
    migration.strategy !== "snapshot" && !has(migration.target.id) && "no baseline of the target",
  ].filter(Boolean) as string[];
  const s = STRATEGIES[migration.strategy];
  return (
    <Card data-testid="plan-summary">
      <CardTitle>3. Plan</CardTitle>
      <dl className="grid grid-cols-[9rem_1fr] gap-y-1 text-sm">
        <dt className="text-muted-fg">Strategy</dt><dd>{s.label}: {s.summary}</dd>
        <dt className="text-muted-fg">Source</dt><dd>{migration.source.name} ({migration.source.address})</dd>
        <dt className="text-muted-fg">Target</dt><dd>{migration.target.name} ({migration.target.address})</dd>
        {migration.preflightOverride ? (<><dt className="text-muted-fg">Override</dt><dd>{migration.preflightOverride}</dd></>) : null}
      </dl>
      {missing.length ? (
        <ul className="mt-3 list-disc pl-5 text-sm text-warn">{missing.map((m) => <li key={m}>{m}</li>)}</ul>
      ) : (
        <p className="mt-3 text-sm text-ok" data-testid="plan-ready">Ready: pre-flight cleared and both ends baselined.</p>
      )}
    </Card>
  );
}
