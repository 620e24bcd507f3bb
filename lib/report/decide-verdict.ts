import type { TReport, TReportReason } from "./report-schema";

type TVerdictInput = Pick<TReport, "verification" | "preflight" | "baselines" | "persistence" | "sync" | "newerVerificationStatus">;

/**
 * PASS only when a finished verification found no difference and the counts agree. Everything a
 * reviewer should weigh but that does not by itself mean data was lost (an override, a partial
 * comparison mode, a missing baseline) is a note beside the verdict.
 */
export function decideVerdict(r: TVerdictInput): TReport["verdict"] {
  const reasons: TReportReason[] = [];
  const fail = (code: string, message: string) => reasons.push({ severity: "fail", code, message });
  const note = (code: string, message: string) => reasons.push({ severity: "note", code, message });
  const v = r.verification;

  if (!v) {
    fail("NOT_VERIFIED", r.newerVerificationStatus ? `Not verified: the verification is ${r.newerVerificationStatus}.` : "Not verified: no verification has finished.");
  } else {
    if (v.mismatchCount > 0) {
      const kinds = Object.entries(v.totals).filter(([s, n]) => s !== "OK" && n > 0).map(([s, n]) => `${n} ${s}`).join(", ");
      fail("KEYS_DIFFER", `${v.mismatchCount} key(s) differ after ${v.roundsRun} round(s): ${kinds}.`);
    }
    for (const c of v.counts.filter((c) => !c.keysAgree)) {
      fail("COUNTS_DIFFER", `db${c.db}: ${c.sourceKeys} keys on the source, ${c.targetKeys} on the target.`);
    }
    if (v.mode !== "full") note("PARTIAL_MODE", `Values were compared in ${v.mode} mode, not byte for byte.`);
    if (!v.reverse) note("NO_REVERSE_PASS", "Keys that exist only in the target were not looked for (no reverse pass).");
    if (v.notRechecked > 0) note("NOT_RECHECKED", `${v.notRechecked} difference(s) were reported without a re-check (re-check cap reached).`);
    if (r.sync.cutoverAt && v.endedAt && v.endedAt < r.sync.cutoverAt) note("VERIFIED_BEFORE_CUTOVER", "The verification finished before the cutover; writes after it are not covered.");
    if (r.newerVerificationStatus) note("NEWER_VERIFICATION", `A newer verification is ${r.newerVerificationStatus}; this report shows the last finished one.`);
  }

  if (r.persistence) {
    if (!r.persistence.targetBgsaveOk) fail("TARGET_BGSAVE_FAILED", `The target's last BGSAVE status is ${r.persistence.targetLastBgsaveStatus}: snapshots are not being written.`);
    if (!r.persistence.aofMatches) note("AOF_DIFFERS", `AOF is ${onOff(r.persistence.sourceAofEnabled)} on the source and ${onOff(r.persistence.targetAofEnabled)} on the target.`);
  }
  if (!r.baselines.sourceBefore || !r.baselines.targetAfter) {
    note("BASELINE_MISSING", `No ${!r.baselines.sourceBefore ? "source baseline before" : "target baseline after"} the migration: the side-by-side comparison is incomplete.`);
  } else if (r.baselines.differs > 0) {
    note("BASELINE_DIFFERS", `${r.baselines.differs} baseline row(s) differ between the source before and the target after.`);
  }
  if (!r.preflight) note("NO_PREFLIGHT", "No pre-flight checks were recorded.");
  else if (r.preflight.override) note("PREFLIGHT_OVERRIDDEN", `Pre-flight failures were overridden by ${r.preflight.override.by ?? "an operator"}: ${r.preflight.override.reason}`);

  return { result: reasons.some((x) => x.severity === "fail") ? "FAIL" : "PASS", reasons };
}

function onOff(v: boolean | null): string {
  return v === null ? "unknown" : v ? "on" : "off";
}
