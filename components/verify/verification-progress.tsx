import type { TVerificationStatusView } from "@/lib/verify/jobs/verification-status";
import { VerificationShards } from "./verification-shards";

const PHASES = { counts: "reading counts", scan: "comparing keys", reverse: "looking for keys only in the target", recheck: "re-checking differences", done: "finishing" } as const;

/** Live numbers of a running verification: what an operator watches to decide whether to wait. */
export function VerificationProgress({ run }: { run: TVerificationStatusView }) {
  const p = run.progress;
  if (run.status === "queued" || !p) return <p className="text-sm text-muted-fg">Waiting for a worker to pick it up…</p>;
  const pct = p.keysTotal > 0 ? Math.min(100, (p.keysDone / p.keysTotal) * 100) : 0;
  return (
    <div className="space-y-2" data-testid="verification-progress">
      <div className="h-2 overflow-hidden rounded bg-muted" role="progressbar" aria-valuenow={Math.round(pct)} aria-valuemin={0} aria-valuemax={100}>
        <div className="h-full bg-primary transition-all" style={{ width: `${pct}%` }} />
      </div>
      <dl className="grid grid-cols-2 gap-x-6 gap-y-1 text-sm sm:grid-cols-5">
        <Stat label="Keys done" value={`${p.keysDone.toLocaleString("en-US")} / ${p.keysTotal.toLocaleString("en-US")}`} />
        <Stat label="Keys/s" value={p.keysPerSec.toLocaleString("en-US")} />
        <Stat label="ETA" value={p.etaSec === null ? "—" : formatEta(p.etaSec)} />
        <Stat label="Round" value={`${p.round} of ${run.options.rounds ?? 3} · ${PHASES[p.phase]}`} />
        <Stat label="Differences so far" value={p.mismatchesSoFar.toLocaleString("en-US")} />
      </dl>
      <VerificationShards run={run} />
      {run.cancelRequested ? <p className="text-sm text-warn">Cancelling…</p> : null}
    </div>
  );
}

function Stat({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <dt className="text-xs text-muted-fg">{label}</dt>
      <dd className="font-medium tabular-nums">{value}</dd>
    </div>
  );
}

function formatEta(sec: number): string {
  if (sec < 60) return `${sec} s`;
  const m = Math.floor(sec / 60);
  return m < 60 ? `${m} min ${sec % 60} s` : `${Math.floor(m / 60)} h ${m % 60} min`;
}
