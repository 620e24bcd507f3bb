import type { TReport } from "@/lib/report/report-schema";
import { cn } from "../ui/cn";

/** PASS / FAIL and why, at the top of the report: the line a change reviewer reads first. */
export function ReportVerdictBanner({ verdict }: { verdict: TReport["verdict"] }) {
  const pass = verdict.result === "PASS";
  return (
    <section data-testid="report-verdict" className={cn("rounded-lg border-2 p-4", pass ? "border-ok bg-ok/10" : "border-danger bg-danger/10")}>
      <p className={cn("text-2xl font-bold", pass ? "text-ok" : "text-danger")}>Verdict: {verdict.result}</p>
      {verdict.reasons.length === 0 ? <p className="mt-1 text-sm">Every key compared equal and the counts agree.</p> : (
        <ul className="mt-2 space-y-1 text-sm">
          {verdict.reasons.map((r) => (
            <li key={`${r.code}-${r.message}`} className={r.severity === "fail" ? "text-danger" : "text-muted-fg"}>
              <span className="font-semibold">{r.severity === "fail" ? "FAIL" : "Note"}:</span> {r.message}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
