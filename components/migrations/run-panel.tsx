"use client";
import Link from "next/link";
import { useEffect, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { startMigrationAction } from "@/lib/actions/start-migration";
import { abortMigrationAction } from "@/lib/actions/abort-migration";
import { retryMigrationAction } from "@/lib/actions/retry-migration";
import type { TRunView } from "@/lib/flows/get-run-view";
import { INTENT_TRANSITIONS } from "@/lib/flows/states";
import { Button } from "../ui/button";
import { Card, CardTitle } from "../ui/card";
import { AbortConfirm } from "./abort-confirm";
import { RunSteps } from "./run-steps";
import { TimeAt } from "@/components/time/time-at";

const ABORTABLE: readonly string[] = INTENT_TRANSITIONS.abort.from;

export function RunPanel({ run, canOperate }: { run: TRunView; canOperate: boolean }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string>();
  // The runner works in the background: re-read the page while it has something to do.
  useEffect(() => {
    if (!run.active) return;
    const t = setInterval(() => router.refresh(), 2_000);
    return () => clearInterval(t);
  }, [run.active, router]);
  const act = (fn: () => Promise<{ ok: boolean; message?: string }>) =>
    start(async () => {
      const r = await fn();
      setError(r.ok ? undefined : r.message);
      router.refresh();
    });
  const id = run.migrationId;
  return (
    <Card data-testid="run">
      <div className="mb-3 flex items-start justify-between gap-4">
        <CardTitle>4. Run</CardTitle>
        <div className="flex gap-2">
          {run.state !== "draft" ? <Link className="inline-flex h-9 items-center px-2 text-sm text-primary underline" href={`/migrations/${id}/monitor`}>{run.hasCutover ? "Monitor and cut over" : "Monitor"}</Link> : null}
          {canOperate && run.state === "draft" ? (
            <Button disabled={pending || !run.canStart} onClick={() => act(() => startMigrationAction({ migrationId: id }))}>Start migration</Button>
          ) : null}
        </div>
      </div>
      {!run.runnable ? <p className="text-sm text-muted-fg">Ferry cannot run this strategy yet.</p> : null}
      {!canOperate ? (
        <p className="mb-3 text-sm text-muted-fg" data-testid="run-viewer-note">
          {run.state === "draft"
            ? "Not started. Operators start, cut over and abort migrations; as a viewer you see the steps, the monitor and the report here once it runs."
            : "You can follow the steps below, the monitor and the report; operators start, cut over and abort migrations."}
        </p>
      ) : null}
      {canOperate && run.state === "draft" && !run.canStart ? (
        run.startBlockers.length ? (
          <ul className="mb-3 space-y-1 text-sm" data-testid="start-blockers">
            {run.startBlockers.map((b) => (
              <li key={b.title}>
                <span className="text-warn">{b.title}:</span> {b.evidence}
                {b.fixLink ? <> <Link className="font-medium text-primary hover:underline" href={b.fixLink.href}>{b.fixLink.label} →</Link></> : null}
              </li>
            ))}
          </ul>
        ) : <p className="mb-3 text-sm text-muted-fg">Clear the pre-flight checks to start.</p>
      ) : null}
      {run.lastError ? (
        <div role="alert" className="mb-3 rounded-md border border-danger/40 bg-danger/5 p-3 text-sm" data-testid="run-error">
          <p className="font-medium text-danger">
            {run.lastError.step} failed: {run.lastError.awsCode ?? run.lastError.code}
          </p>
          <p className="mt-1">{run.lastError.message}</p>
          {canOperate ? <Button className="mt-2" variant="secondary" disabled={pending} onClick={() => act(() => retryMigrationAction({ migrationId: id }))}>Retry</Button> : null}
        </div>
      ) : null}
      {run.state !== "draft" ? <RunSteps steps={run.steps} /> : null}
      {run.cutoverAt ? (
        <p className="mt-3 text-sm" data-testid="run-cutover">
          Cut over at <TimeAt className="font-mono" at={run.cutoverAt} precision="ms" zone />
          {run.finalOffsets ? ` · final offsets source ${String(run.finalOffsets.source)}, target ${String(run.finalOffsets.target)}` : ""}
          {run.watchUntil ? <> · target watched until <TimeAt at={run.watchUntil} precision="minute" zone /></> : ""}
        </p>
      ) : null}
      {run.runner ? <p className="mt-2 text-xs text-muted-fg">Runner {run.runner.owner} holds this migration.</p> : null}
      {canOperate && ABORTABLE.includes(run.state) ? (
        <div className="mt-4"><AbortConfirm targetName={run.targetName} stop={run.abortLabel === "StopMigration"} pending={pending} onAbort={(typed) => act(() => abortMigrationAction({ migrationId: id, confirmName: typed }))} /></div>
      ) : null}
      {error ? <p role="alert" className="mt-2 text-sm text-danger">{error}</p> : null}
    </Card>
  );
}
