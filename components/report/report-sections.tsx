import type { ReactNode } from "react";
import { fmtBytes, fmtCell, fmtDuration, fmtNumber, fmtOffsets, fmtTime, fmtVerifySpeed } from "@/lib/report/report-format";
import type { TReport } from "@/lib/report/report-schema";
import { Badge } from "../ui/badge";
import { Card, CardTitle } from "../ui/card";
import { Table, Td, Th } from "../ui/table";

function Pairs({ rows }: { rows: [string, ReactNode][] }) {
  return (
    <dl className="grid grid-cols-[max-content_1fr] gap-x-6 gap-y-1 text-sm">
      {rows.map(([k, v]) => [<dt key={`${k}-t`} className="text-muted-fg">{k}</dt>, <dd key={`${k}-d`}>{v}</dd>])}
    </dl>
  );
}

function Grid({ head, rows, testId }: { head: string[]; rows: ReactNode[][]; testId?: string }) {
  return (
    <Table data-testid={testId}>
      <thead><tr>{head.map((h) => <Th key={h}>{h}</Th>)}</tr></thead>
      <tbody>
        {rows.length === 0 ? <tr><Td colSpan={head.length} className="text-muted-fg">None.</Td></tr> : rows.map((r, i) => <tr key={i}>{r.map((c, j) => <Td key={j}>{c}</Td>)}</tr>)}
      </tbody>
    </Table>
  );
}

export function ReportVerificationSection({ v }: { v: TReport["verification"] }) {
  return (
    <Card>
      <CardTitle>Verification</CardTitle>
      {!v ? <p className="text-sm text-muted-fg">No verification has finished.</p> : (
        <div className="space-y-3">
          <Pairs rows={[
            ["Run", `${v.mode} mode${v.reverse ? ", with reverse pass" : ""}, requested by ${v.requestedBy ?? "—"}`],
            ["Keys compared", `${fmtNumber(v.keysCompared)}: ${fmtVerifySpeed(v)}${v.resumed ? ", resumed after a restart" : ""}`],
            ["Ended", fmtTime(v.endedAt)],
            ...v.notes.map((n): [string, string] => ["Note", n]),
          ]} />
          <Grid head={["OK", "MISSING", "TYPE", "VALUE", "TTL", "EXTRA"]} rows={[[v.totals.OK, v.totals.MISSING, v.totals.TYPE, v.totals.VALUE, v.totals.TTL, v.totals.EXTRA].map(fmtNumber)]} />
          <Grid head={["db", "Source keys", "Target keys", "Source expires", "Target expires", "Counts"]} rows={v.counts.map((c) => [c.db, fmtNumber(c.sourceKeys), fmtNumber(c.targetKeys), fmtNumber(c.sourceExpires), fmtNumber(c.targetExpires), c.keysAgree ? <Badge tone="ok">agree</Badge> : <Badge tone="danger">differ</Badge>])} />
          <p className="text-sm">{fmtNumber(v.mismatchCount)} difference(s){v.mismatchCount > v.mismatchesSample.length ? `; the first ${v.mismatchesSample.length} are listed, all are in the CSV download` : ""}.</p>
          {v.mismatchesSample.length ? <Grid testId="report-mismatches" head={["db", "Key", "Status", "Detail"]} rows={v.mismatchesSample.map((m) => [m.db, <code key="k" className="break-all text-xs">{m.key}</code>, <Badge key="s" tone="danger">{m.status}</Badge>, m.detail])} /> : null}
        </div>
      )}
    </Card>
  );
}

export function ReportSyncSection({ s }: { s: TReport["sync"] }) {
  return (
    <Card>
      <CardTitle>Sync timeline</CardTitle>
      <Pairs rows={[
        ["Started", fmtTime(s.startedAt)],
        ["Initial sync", s.initialSyncSeconds === null ? "—" : `${fmtDuration(s.initialSyncSeconds * 1000)} (in sync at ${fmtTime(s.inSyncAt)})`],
        ["Max lag", `${fmtBytes(s.maxLagBytes)} overall, ${fmtBytes(s.maxLagBytesAfterSync)} after the initial sync`],
        ["Cutover", fmtTime(s.cutoverAt)],
        ["Final offsets", fmtOffsets(s.finalOffsets)],
        ["Completed", fmtTime(s.completedAt)],
        ["Monitor samples", fmtNumber(s.samples)],
      ]} />
    </Card>
  );
}

const ROW_TONE = { same: "ok", differs: "danger", "expected-diff": "neutral" } as const;

export function ReportBaselinesSection({ b, persistence }: { b: TReport["baselines"]; persistence: TReport["persistence"] }) {
  return (
    <Card>
      <CardTitle>Baselines: source before, target after</CardTitle>
      <p className="mb-2 text-sm text-muted-fg">
        Source before: {b.sourceBefore ? `${b.sourceBefore.endpointName}, ${fmtTime(b.sourceBefore.capturedAt)}` : "not captured"} · Target after:{" "}
        {b.targetAfter ? `${b.targetAfter.endpointName}, ${fmtTime(b.targetAfter.capturedAt)}` : "not captured"}
      </p>
      {b.rows.length ? <Grid head={["Metric", "Source before", "Target after", ""]} rows={b.rows.map((r) => [<span key="l" title={r.note}>{r.label}</span>, fmtCell(r.a), fmtCell(r.b), <Badge key="s" tone={ROW_TONE[r.status]}>{r.status}</Badge>])} /> : null}
      {persistence ? (
        <p className="mt-2 text-sm">
          Persistence: AOF {fmtCell(persistence.sourceAofEnabled)} / {fmtCell(persistence.targetAofEnabled)} {persistence.aofMatches ? <Badge tone="ok">matches</Badge> : <Badge tone="warn">differs</Badge>}; last BGSAVE{" "}
          {persistence.sourceLastBgsaveStatus ?? "—"} / {persistence.targetLastBgsaveStatus ?? "—"}
        </p>
      ) : null}
    </Card>
  );
}

export function ReportPreflightSection({ p }: { p: TReport["preflight"] }) {
  return (
    <Card>
      <CardTitle>Pre-flight</CardTitle>
      {!p ? <p className="text-sm text-muted-fg">No pre-flight checks were recorded.</p> : (
        <div className="space-y-2">
          <p className="text-sm">Ran {fmtTime(p.ranAt)} by {p.ranBy ?? "—"}: {p.summary.pass} pass, {p.summary.warn} warn, {p.summary.fail} fail, {p.summary.unknown} unknown.</p>
          {p.override ? <p className="text-sm text-warn">Overridden by {p.override.by ?? "—"} at {fmtTime(p.override.at)}: “{p.override.reason}”</p> : null}
          <Grid head={["Check", "Side", "Status", "Evidence"]} rows={p.checks.map((c) => [c.title, c.side, c.status, c.evidence])} />
        </div>
      )}
    </Card>
  );
}

export function ReportEventsSection({ events, truncated }: { events: TReport["events"]; truncated: boolean }) {
  return (
    <Card>
      <CardTitle>Who did what, when</CardTitle>
      <Grid head={["When", "Who", "What"]} rows={events.map((e) => [fmtTime(e.at), e.actor ?? "Ferry", e.message])} />
      {truncated ? <p className="mt-2 text-sm text-muted-fg">Older events are truncated.</p> : null}
    </Card>
  );
}
