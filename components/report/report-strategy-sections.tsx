import { fmtBaselineCell, fmtBaselineLabel, fmtBytes, fmtCell, fmtLocalDateTime, fmtTime } from "@/lib/report/report-format";
import { syncRows } from "@/lib/report/sync-rows";
import type { TReport } from "@/lib/report/report-schema";
import { describeComparison } from "@/lib/report/report-wording";
import { replicationRows } from "@/lib/report/replication-rows";
import { Badge } from "../ui/badge";
import { Card, CardTitle } from "../ui/card";
import { Grid, Pairs, StatusBadge } from "./report-grid";

export function ReportSnapshotSection({ s }: { s: NonNullable<TReport["snapshot"]> }) {
  const f = s.writeFreeze;
  return (
    <Card data-testid="report-snapshot">
      <CardTitle>Snapshot moment</CardTitle>
      <p className="mb-3 rounded-md border-l-4 border-warn bg-warn/10 p-3 text-sm">{s.statement}</p>
      <Pairs rows={[
        ["Snapshot moment", s.moment ? `${fmtTime(s.moment)}${s.momentSource ? ` (${s.momentSource})` : ""}` : "not recorded"],
        ["Write freeze", f ? `${fmtLocalDateTime(f.from)} to ${f.to ? fmtLocalDateTime(f.to) : "—"}${f.note ? ` (${f.note})` : ""}` : "none was set"],
        ["Snapshot", s.snapshotName ?? "—"],
        ["RDB size", fmtBytes(s.rdbBytes)],
      ]} />
    </Card>
  );
}

export function ReportReplicationSection({ r }: { r: NonNullable<TReport["replication"]> }) {
  return (
    <Card data-testid="report-replication">
      <CardTitle>Key-level replication</CardTitle>
      <Pairs rows={replicationRows(r)} />
    </Card>
  );
}

export function ReportSyncSection({ s }: { s: NonNullable<TReport["sync"]> }) {
  return (
    <Card>
      <CardTitle>Sync timeline</CardTitle>
      <Pairs rows={syncRows(s)} />
    </Card>
  );
}

export function ReportBaselinesSection({ b, persistence }: { b: TReport["baselines"]; persistence: TReport["persistence"] }) {
  return (
    <Card data-testid="report-baselines">
      <CardTitle>Baselines</CardTitle>
      {b.missing.length ? <p className="mb-2 text-sm text-muted-fg">Not captured: {b.missing.join(", ")}.</p> : null}
      <div className="space-y-5">
        {b.comparisons.map((c) => (
          <section key={c.id} data-testid={`baselines-${c.id}`}>
            <h3 className="text-sm font-semibold">{c.title}</h3>
            <p className="mb-2 text-sm text-muted-fg">{describeComparison(c)}</p>
            <Grid head={["Metric", c.aLabel, c.bLabel, ""]} rows={c.rows.map((r) => [<span key="l" title={r.note}>{fmtBaselineLabel(r.label)}</span>, fmtBaselineCell(r.path, r.a), fmtBaselineCell(r.path, r.b), <StatusBadge key="s" status={r.status} />])} />
          </section>
        ))}
      </div>
      {persistence ? (
        <p className="mt-3 text-sm">
          Persistence: AOF {fmtCell(persistence.sourceAofEnabled)} / {fmtCell(persistence.targetAofEnabled)} {persistence.aofMatches ? <Badge tone="ok">matches</Badge> : <Badge tone="warn">differs</Badge>}; last BGSAVE{" "}
          {persistence.sourceLastBgsaveStatus ?? "none yet"} / {persistence.targetLastBgsaveStatus ?? "none yet"}
        </p>
      ) : null}
    </Card>
  );
}
