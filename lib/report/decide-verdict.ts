import { fmtBaselineLabel } from "./report-format";
import type { TReport, TReportReason } from "./report-schema";
import { countsAgreement } from "./report-wording";

type TVerdictInput = Pick<TReport, "verification" | "preflight" | "baselines" | "persistence" | "sync" | "snapshot" | "newerVerificationStatus" | "newerVerificationId">;

/**
 * PASS only when a finished verification compared every slot, found no difference and the counts
 * of keys without a TTL agree. Everything a reviewer should weigh but that does not by itself mean
 * data was lost (an override, a partial comparison mode, a missing baseline, total counts apart
 * only among keys with a TTL) is a note beside the verdict.
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
    // No difference found is not "no difference" when part of the keyspace was never looked at.
    if (v.skippedSlots) fail("SLOTS_NOT_COMPARED", `Source slots ${v.skippedSlots} were being resharded during the verification and were not compared, so this run does not cover every key. Verify again once resharding ends.`);
    for (const c of v.counts) {
      const agreement = countsAgreement(c);
      const counts = `db${c.db}: ${c.sourceKeys} keys on the source, ${c.targetKeys} on the target`;
      // INFO keyspace counts an expired key until its server reclaims it, on each end at its own
      // moment: a difference confined to keys with a TTL is no loss by itself. Keys without one
      // never go on their own, so theirs must agree exactly.
      if (agreement === "differ") fail("COUNTS_DIFFER", `${counts}.`);
      else if (agreement === "ttl-only") note("VOLATILE_COUNTS_DIFFER", `${counts}; keys without a TTL agree (${c.sourceKeys - c.sourceExpires}), so the difference is among keys with one, which each server counts until it reclaims them once expired. The key-by-key verification is the authority.`);
    }
    if (v.mode !== "full") note("PARTIAL_MODE", `Values were compared in ${v.mode} mode, not byte for byte.`);
    if (!v.reverse) note("NO_REVERSE_PASS", "Keys that exist only in the target were not looked for (no reverse pass).");
    if (v.notRechecked > 0) note("NOT_RECHECKED", `${v.notRechecked} difference(s) were reported without a re-check (re-check cap reached).`);
    if (r.sync?.cutoverAt && v.endedAt && v.endedAt < r.sync.cutoverAt) note("VERIFIED_BEFORE_CUTOVER", "The verification finished before the cutover; writes after it are not covered.");
    if (r.newerVerificationStatus) {
      const shown = v.chosenBy === "recorded" ? "the one the migration recorded" : v.chosenBy === "requested" ? "the one asked for" : "the last finished one";
      note("NEWER_VERIFICATION", `A newer verification (${r.newerVerificationId}) is ${r.newerVerificationStatus}; this report shows run ${v.id}, ${shown}.`);
    }
  }

  if (r.persistence) {
    if (!r.persistence.targetBgsaveOk) fail("TARGET_BGSAVE_FAILED", `The target's last BGSAVE status is ${r.persistence.targetLastBgsaveStatus}: snapshots are not being written.`);
    if (!r.persistence.aofMatches) note("AOF_DIFFERS", `AOF is ${onOff(r.persistence.sourceAofEnabled)} on the source and ${onOff(r.persistence.targetAofEnabled)} on the target.`);
  }
  if (r.snapshot) note("SNAPSHOT_MOMENT", r.snapshot.statement);
  const ends = r.baselines.comparisons.find((c) => c.id === "ends");
  if (r.baselines.missing.length) {
    note("BASELINE_MISSING", `No ${r.baselines.missing.join(" or ")} baseline: the side-by-side comparison of both ends is incomplete.`);
  } else if (ends && ends.differing.length) {
    note("BASELINE_DIFFERS",
      `${ends.differing.length} baseline row(s) differ (${ends.title.toLowerCase()}): ${ends.differing.map(fmtBaselineLabel).join(", ")}. ` +
        `The two captures are ${Math.round(ends.secondsApart * 10) / 10} s apart and writes that landed in between count on one side only; the key-by-key verification is the authority.`);
  }
  if (!r.preflight) note("NO_PREFLIGHT", "No pre-flight checks were recorded.");
  else if (r.preflight.override) note("PREFLIGHT_OVERRIDDEN", `Pre-flight failures were overridden by ${r.preflight.override.by ?? "an operator"}: ${r.preflight.override.reason}`);

  return { result: reasons.some((x) => x.severity === "fail") ? "FAIL" : "PASS", reasons };
}

function onOff(v: boolean | null): string {
  return v === null ? "unknown" : v ? "on" : "off";
}
