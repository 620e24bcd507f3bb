import { fmtBytes, fmtDuration, fmtNumber, fmtOffsets, fmtTime } from "./report-format";
import type { TReport } from "./report-schema";

/** The sync timeline rows of the report, shared by the page, the HTML and the PDF. */
export function syncRows(s: NonNullable<TReport["sync"]>): [string, string][] {
  return [
    ["Started", fmtTime(s.startedAt)],
    ["Initial sync", s.initialSyncSeconds === null ? "—" : `${fmtDuration(s.initialSyncSeconds * 1000)} (in sync at ${fmtTime(s.inSyncAt)})`],
    ["Max lag", `${fmtBytes(s.maxLagBytes)} overall, ${fmtBytes(s.maxLagBytesAfterSync)} after the initial sync`],
    ["Cutover", fmtTime(s.cutoverAt)],
    ["Final offsets", fmtOffsets(s.finalOffsets)],
    ["Completed", fmtTime(s.completedAt)],
    ["Monitor samples", fmtNumber(s.samples)],
  ];
}
