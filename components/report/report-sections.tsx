import Link from "next/link";
import { fmtMessage, fmtNumber, fmtTime, fmtVerifySpeed } from "@/lib/report/report-format";
import type { TReport } from "@/lib/report/report-schema";
import { COUNTS_WORD, countsAgreement, describeShownRun } from "@/lib/report/report-wording";
import { Badge } from "../ui/badge";
import { Card, CardTitle } from "../ui/card";
import { Grid, Pairs, StatusBadge, Wrap } from "./report-grid";

const COUNTS_TONE = { agree: "ok", "ttl-only": "warn", differ: "danger" } as const;
const CountsBadge = ({ agreement }: { agreement: keyof typeof COUNTS_TONE }) => <Badge tone={COUNTS_TONE[agreement]}>{COUNTS_WORD[agreement]}</Badge>;

export function ReportVerificationSection({ r }: { r: TReport }) {
  const v = r.verification;
  const others = r.verificationRuns.filter((x) => x.id !== v?.id);
  return (
    <Card>
      <CardTitle>Verification</CardTitle>
      {!v ? <p className="text-sm text-muted-fg">No verification has finished.</p> : (
        <div className="space-y-3">
          <p className="text-sm" data-testid="report-run">{describeShownRun(v)}</p>
          <Pairs rows={[
            ["Mode", `${v.mode}${v.reverse ? ", with reverse pass" : ""}`],
            ["Keys compared", `${fmtNumber(v.keysCompared)}: ${fmtVerifySpeed(v)}${v.resumed ? ", resumed after a restart" : ""}`],
            ...v.notes.map((n): [string, string] => ["Note", n]),
          ]} />
          <Grid head={["OK", "MISSING", "TYPE", "VALUE", "TTL", "EXTRA"]} rows={[[v.totals.OK, v.totals.MISSING, v.totals.TYPE, v.totals.VALUE, v.totals.TTL, v.totals.EXTRA].map(fmtNumber)]} />
          <Grid head={["db", "Source keys", "Target keys", "Source expires", "Target expires", "Counts"]} rows={v.counts.map((c) => [c.db, fmtNumber(c.sourceKeys), fmtNumber(c.targetKeys), fmtNumber(c.sourceExpires), fmtNumber(c.targetExpires), <CountsBadge key={c.db} agreement={countsAgreement(c)} />])} />
          <p className="text-sm">{fmtNumber(v.mismatchCount)} difference(s){v.mismatchCount > v.mismatchesSample.length ? `; the first ${v.mismatchesSample.length} are listed, all are in the CSV download` : ""}.</p>
          {v.mismatchesSample.length ? <MismatchGrid sample={v.mismatchesSample} /> : null}
        </div>
      )}
      {others.length ? (
        <div className="mt-4" data-testid="report-other-runs">
          <p className="mb-1 text-sm font-medium">Other finished runs of this migration</p>
          <Grid head={["Run", "Started by", "Finished", "Differences", ""]} rows={others.map((x) => [
            <code key="id" className="text-xs">{x.id}</code>, x.requestedBy ?? "—", fmtTime(x.endedAt), fmtNumber(x.mismatchCount),
            <Link key="l" className="text-primary underline" href={`/migrations/${encodeURIComponent(r.migration.id)}/report?run=${encodeURIComponent(x.id)}`}>Show this run{x.recorded ? " (recorded)" : ""}</Link>,
          ])} />
        </div>
      ) : null}
    </Card>
  );
}

/** The first differences; a cluster verification names each key's source shard. */
function MismatchGrid({ sample }: { sample: NonNullable<TReport["verification"]>["mismatchesSample"] }) {
  const sharded = sample.some((m) => m.shard);
  return (
    <Grid testId="report-mismatches" head={["db", "Key", "Status", "Detail", ...(sharded ? ["Shard"] : [])]} rows={sample.map((m) => [
      m.db, <code key="k" className="break-all text-xs">{m.key}</code>, <Badge key="s" tone="danger">{m.status}</Badge>, <Wrap key="d">{m.detail}</Wrap>,
      ...(sharded ? [<Wrap key="sh">{m.shard ?? "—"}</Wrap>] : []),
    ])} />
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
          <Grid head={["Check", "Side", "Status", "Evidence"]} rows={p.checks.map((c) => [c.title, c.side, <StatusBadge key="s" status={c.status} />, <Wrap key="e">{c.evidence}</Wrap>])} />
        </div>
      )}
    </Card>
  );
}

export function ReportEventsSection({ events, truncated }: { events: TReport["events"]; truncated: boolean }) {
  return (
    <Card>
      <CardTitle>Who did what, when</CardTitle>
      <Grid testId="report-events" head={["When", "Who", "What"]} rows={events.map((e) => [<span key="t" className="whitespace-nowrap">{fmtTime(e.at)}</span>, e.actor ?? "Ferry", <Wrap key="m">{fmtMessage(e.message)}</Wrap>])} />
      {truncated ? <p className="mt-2 text-sm text-muted-fg">Older events are truncated.</p> : null}
    </Card>
  );
}
