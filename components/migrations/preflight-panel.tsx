"use client";
import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import Link from "next/link";
import { runPreflightAction } from "@/lib/actions/run-preflight";
import { overridePreflightAction } from "@/lib/actions/override-preflight";
import { applyNotificationsFixAction } from "@/lib/actions/apply-notifications-fix";
import type { TMigrationView } from "@/lib/migrations/get-migration";
import { Badge } from "../ui/badge";
import { Button } from "../ui/button";
import { Card, CardTitle } from "../ui/card";
import { Input } from "../ui/input";
import { InlineCode } from "../ui/inline-code";
import { invalid } from "../ui/field-invalid";
import { Table, Td, Th } from "../ui/table";
import { TimeAt } from "@/components/time/time-at";

const TONE = { pass: "ok", warn: "warn", fail: "danger", unknown: "neutral" } as const;
const ORDER = { fail: 0, unknown: 1, warn: 2, pass: 3 } as const;

export function PreflightPanel({ migration, canOperate }: { migration: TMigrationView; canOperate: boolean }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string>();
  const [reason, setReason] = useState("");
  const [reasonError, setReasonError] = useState<string>();
  const [notice, setNotice] = useState<string>();
  const run = migration.preflight;
  const act = (fn: () => Promise<{ ok: boolean; message?: string }>) =>
    start(async () => {
      const r = await fn();
      setError(r.ok ? undefined : r.message);
      router.refresh();
    });
  const checks = run ? [...run.checks].sort((a, b) => ORDER[a.status] - ORDER[b.status]) : [];
  return (
    <Card data-testid="preflight">
      <div className="flex items-start justify-between">
        <CardTitle>1. Pre-flight checks</CardTitle>
        {canOperate ? (
          <Button variant={run ? "secondary" : "primary"} disabled={pending} onClick={() => act(() => runPreflightAction({ migrationId: migration.id }))}>
            {pending ? "Checking…" : run ? "Re-run checks" : "Run checks"}
          </Button>
        ) : null}
      </div>
      {!run ? <p className="text-sm text-muted-fg">Not run yet. Checks only read from both ends; nothing is changed.</p> : (
        <>
          <p className="mb-3 text-sm" data-testid="preflight-summary">
            <Badge tone="ok">{run.summary.pass} pass</Badge> <Badge tone="warn">{run.summary.warn} warn</Badge>{" "}
            <Badge tone="danger">{run.summary.fail} fail</Badge> <Badge>{run.summary.unknown} unknown</Badge>
            <span className="ml-2 text-muted-fg">
              ran <TimeAt at={run.ranAt} zone /> by {run.ranBy ?? "?"}
              {run.summary.durationMs !== undefined ? ` in ${(run.summary.durationMs / 1000).toFixed(1)} s` : ""}
              {run.summary.sampleSize !== undefined ? `, ${run.summary.sampleSize} keys sampled` : ""}
            </span>
          </p>
          <Table>
            <thead><tr><Th>Status</Th><Th>Check</Th><Th>Seen</Th><Th>Why it matters</Th><Th>How to fix</Th></tr></thead>
            <tbody>
              {checks.map((c) => (
                <tr key={c.id} data-testid={`check-${c.id}`}>
                  <Td><Badge tone={TONE[c.status]}>{c.status}</Badge></Td>
                  <Td><span className="font-medium">{c.title}</span><br /><span className="text-xs text-muted-fg">{c.side}</span></Td>
                  <Td className="text-xs">{c.evidence}</Td>
                  <Td className="text-xs text-muted-fg">{c.why}</Td>
                  <Td className="text-xs whitespace-pre-wrap" data-testid="fix">
                    <InlineCode text={c.fix} />
                    {c.fixLink && c.status !== "pass" ? <> <Link className="whitespace-nowrap font-medium text-primary hover:underline" href={c.fixLink.href}>{c.fixLink.label} →</Link></> : null}
                    {c.autoFix && c.status !== "pass" && canOperate && migration.state === "draft" ? (
                      <Button className="mt-2 font-sans" variant="secondary" disabled={pending} data-testid={`apply-fix-${c.id}`}
                        onClick={() => confirm(`Apply this fix to the source now? It changes the source's configuration and is recorded in the migration's events.\n\n${c.fix}`) &&
                          act(async () => {
                            const r = await applyNotificationsFixAction({ migrationId: migration.id, consent: true });
                            setNotice(r.ok ? `${r.data.message} Re-run the checks to confirm.` : undefined);
                            return r;
                          })}>
                        Apply the fix
                      </Button>
                    ) : null}
                  </Td>
                </tr>
              ))}
            </tbody>
          </Table>
        </>
      )}
      {run && run.summary.fail > 0 ? (
        migration.preflightOverride ? (
          <p className="mt-3 text-sm text-warn" data-testid="override-note">Failed checks overridden: “{migration.preflightOverride}”</p>
        ) : canOperate && checks.every((c) => c.status !== "fail" || c.fixLink) ? (
          // Settings Ferry needs to run at all: an override would not get the run past them.
          <p className="mt-3 text-sm text-warn" data-testid="settle-note">Set what is missing where the fix links to, then run the checks again; these cannot be overridden.</p>
        ) : canOperate ? (
          <div className="mt-4 rounded-md border border-warn/40 bg-warn/5 p-3">
            <p className="mb-2 text-sm">Failed checks block the next step. Fix them and re-run, or override with a reason that goes into the report.</p>
            <label htmlFor="override-reason" className="mb-1 block text-sm font-medium">Override reason (goes into the report)</label>
            <div className="flex gap-2">
              <Input id="override-reason" value={reason} onChange={(e) => setReason(e.target.value)} placeholder="e.g. target memory is raised during the maintenance window" {...invalid("override-reason", reasonError)} />
              <Button variant="danger" disabled={pending} onClick={() => act(async () => {
                const r = await overridePreflightAction({ migrationId: migration.id, reason });
                setReasonError(r.ok ? undefined : r.fieldErrors?.reason);
                // The field says what is missing; the general line would only repeat "Some fields need attention."
                return r.ok || r.fieldErrors?.reason ? { ok: true } : r;
              })}>Override</Button>
            </div>
            {reasonError ? <p id="override-reason-error" className="mt-1 text-xs text-danger">{reasonError}</p> : null}
          </div>
        ) : null
      ) : null}
      {notice ? <p className="mt-2 text-sm text-ok" data-testid="fix-notice">{notice}</p> : null}
      {error ? <p role="alert" className="mt-2 text-sm text-danger">{error}</p> : null}
    </Card>
  );
}
