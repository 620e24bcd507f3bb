import { fmtBytes, fmtNumber, fmtTime } from "./report-format";
import type { TReportReplication } from "./report-schema";
import { describeKinds } from "../replicate/describe-kinds";

/** The key-level replication rows of the report, shared by the HTML and PDF renderers. */
export function replicationRows(rp: TReportReplication): [string, string][] {
  const rev = rp.reverse;
  return [
    ["Initial copy", `${fmtNumber(rp.keysCopied)} keys, ${fmtBytes(rp.bytesCopied)} (${rp.copyMode ?? "-"})`],
    ["Live changes applied", fmtNumber(rp.liveApplied)],
    ["Repairs · reconnects", `${fmtNumber(rp.repairs)} · ${fmtNumber(rp.reconnects)}`],
    ["Final verification at cutover", rp.finalVerification ? `${fmtNumber(rp.finalVerification.differences)} difference(s)${describeKinds(rp.finalVerification.byKind)}, ${fmtNumber(rp.finalVerification.fixed)} repaired` : "not run"],
    ["Way back (reverse replication)", !rev ? "not armed" : rev.status === "running" ? `armed until ${fmtTime(rev.until)}` : `armed ${fmtTime(rev.startedAt)}, stopped ${fmtTime(rev.stoppedAt)} (${rev.stopReason ?? "stopped"}${rev.stoppedBy ? ` by ${rev.stoppedBy}` : ""})`],
  ];
}
