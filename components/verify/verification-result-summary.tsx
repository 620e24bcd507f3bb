import type { TVerificationStatusView } from "@/lib/verify/jobs/verification-status";
import { fmtVerifySpeed } from "@/lib/report/report-format";
import { Badge } from "../ui/badge";
import { TimeAt } from "@/components/time/time-at";
import { VerificationShards } from "./verification-shards";

const STATUSES = ["MISSING", "TYPE", "VALUE", "TTL", "EXTRA"] as const;

/** The outcome of a finished (or stopped) verification in one line of badges. */
export function VerificationResultSummary({ run }: { run: TVerificationStatusView }) {
  if (run.status === "failed") return <p role="alert" className="text-sm text-danger">Failed: {run.error}</p>;
  if (run.status === "cancelled") {
    return <p className="text-sm text-muted-fg">Cancelled after {(run.progress?.keysDone ?? 0).toLocaleString("en-US")} keys; {run.mismatchesStored} difference(s) recorded before it stopped.</p>;
  }
  const r = run.result;
  if (!r) return null;
  // A cluster run that left out slots being resharded has not shown the ends equal.
  const skipped = "skippedSlots" in r && !!r.skippedSlots;
  return (
    <div className="space-y-1 text-sm" data-testid="verification-result">
      <p className="flex flex-wrap gap-1.5">
        {r.mismatchCount > 0 ? <Badge tone="danger">{r.mismatchCount.toLocaleString("en-US")} differ</Badge> : skipped ? <Badge tone="warn">no differences in the slots compared</Badge> : <Badge tone="ok">no differences</Badge>}
        {STATUSES.filter((s) => r.totals[s] > 0).map((s) => (
          <Badge key={s} tone="danger">{`${s} ${r.totals[s]}`}</Badge>
        ))}
      </p>
      <p className="text-muted-fg" data-testid="verification-speed">
        {r.keysCompared.toLocaleString("en-US")} keys compared ({r.mode} mode): {fmtVerifySpeed({ ...r, scanMs: r.scanMs ?? null })}
        {r.resumed ? ", resumed after a restart" : ""}; ended <TimeAt at={run.endedAt} zone />.
      </p>
      {(r.notes ?? []).map((note) => (
        <p key={note} className="text-warn" data-testid="verification-note">{note}</p>
      ))}
      <VerificationShards run={run} />
    </div>
  );
}
