"use client";
import { useState } from "react";
import Link from "next/link";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { startVerificationAction } from "@/lib/actions/start-verification";
import { cancelVerificationAction } from "@/lib/actions/cancel-verification";
import { Badge } from "../ui/badge";
import { Button } from "../ui/button";
import { Card, CardTitle } from "../ui/card";
import { VerificationProgress } from "./verification-progress";
import { VerificationResultSummary } from "./verification-result-summary";
import { fetchLatestVerification, isActive, verificationKeys } from "./verification-keys";

const TONE = { queued: "info", running: "info", done: "ok", failed: "danger", cancelled: "warn" } as const;
type Props = { migrationId: string; canOperate: boolean };

/** Key-level verification of a migration: start it, watch it, cancel it, open the report. */
export function VerificationPanel({ migrationId, canOperate }: Props) {
  const queryClient = useQueryClient();
  const [mode, setMode] = useState<"full" | "length" | "outline">("full");
  const [rounds, setRounds] = useState(3);
  const [error, setError] = useState<string>();
  const query = useQuery({
    queryKey: verificationKeys.latest(migrationId),
    queryFn: () => fetchLatestVerification(migrationId),
    // Once a second while a run is queued or running; otherwise every few seconds, because the
    // runner (or another operator) may queue a run at any time, e.g. right after cutover.
    refetchInterval: (q) => (isActive(q.state.data) ? 1000 : 5000),
  });
  const settle = (r: { ok: boolean; message?: string }) => {
    setError(r.ok ? undefined : r.message);
    return queryClient.invalidateQueries({ queryKey: verificationKeys.latest(migrationId) });
  };
  const start = useMutation({ mutationFn: () => startVerificationAction({ migrationId, mode, rounds, reverse: true }), onSuccess: settle });
  const cancel = useMutation({ mutationFn: () => cancelVerificationAction({ migrationId }), onSuccess: settle });
  const run = query.data;
  const active = isActive(run);
  return (
    <Card data-testid="verification">
      <div className="mb-3 flex items-start justify-between gap-4">
        <div className="flex items-center gap-2">
          <CardTitle className="mb-0">5. Verification</CardTitle>
          {run ? <Badge tone={TONE[run.status]}>{run.status}</Badge> : null}
        </div>
        <Link href={`/migrations/${migrationId}/report`} className="text-sm font-medium text-primary hover:underline">
          Open report
        </Link>
      </div>
      {query.isPending ? <p className="text-sm text-muted-fg">Loading…</p> : null}
      {query.error ? <p role="alert" className="text-sm text-danger">{query.error.message}</p> : null}
      {!query.isPending && !run ? <p className="text-sm text-muted-fg">Not verified yet. Verification compares every key of the source with the target and only reads from both.</p> : null}
      {run && active ? <VerificationProgress run={run} /> : null}
      {run && !active ? <VerificationResultSummary run={run} /> : null}
      {canOperate ? (
        <div className="mt-4 flex flex-wrap items-end gap-3">
          {active ? (
            <Button variant="danger" disabled={cancel.isPending || run?.cancelRequested} onClick={() => cancel.mutate()}>
              {run?.cancelRequested ? "Cancelling…" : "Cancel verification"}
            </Button>
          ) : (
            <>
              <label className="text-sm">
                <span className="mb-1 block text-xs text-muted-fg">Compare</span>
                <select className="h-9 rounded-md border border-border bg-card px-2" value={mode} onChange={(e) => setMode(e.target.value as typeof mode)}>
                  <option value="full">full values</option>
                  <option value="length">lengths only</option>
                  <option value="outline">type and existence</option>
                </select>
              </label>
              <label className="text-sm">
                <span className="mb-1 block text-xs text-muted-fg">Rounds</span>
                <select className="h-9 rounded-md border border-border bg-card px-2" value={rounds} onChange={(e) => setRounds(Number(e.target.value))}>
                  {[1, 2, 3, 4, 5].map((n) => <option key={n} value={n}>{n}</option>)}
                </select>
              </label>
              <Button disabled={start.isPending} onClick={() => start.mutate()}>{start.isPending ? "Starting…" : run ? "Verify again" : "Start verification"}</Button>
            </>
          )}
        </div>
      ) : null}
      {error ? <p role="alert" className="mt-2 text-sm text-danger">{error}</p> : null}
    </Card>
  );
}
