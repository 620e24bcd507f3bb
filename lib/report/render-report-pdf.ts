import { rgb } from "pdf-lib";
import { syncRows } from "./sync-rows";
import { PdfWriter } from "./pdf-writer";
import { fmtBaselineCell, fmtBaselineLabel, fmtBytes, fmtCell, fmtLocalDateTime, fmtMessage, fmtNumber, fmtStatus, fmtTime, fmtVerifySpeed } from "./report-format";
import type { TReport } from "./report-schema";
import { COUNTS_WORD, countsAgreement, describeComparison, describeShownRun } from "./report-wording";
import { replicationRows } from "./replication-rows";
import { shardTables } from "./shard-tables";

/** The PDF download, drawn with pdf-lib's standard fonts: no browser, no binaries, same sections as the HTML. */
export async function renderReportPdf(r: TReport): Promise<Uint8Array> {
  const w = await PdfWriter.create();
  w.doc.setTitle(`Ferry validation report: ${r.migration.name}`);
  w.doc.setSubject(`Verdict: ${r.verdict.result}`);
  w.doc.setProducer("Ferry");
  w.doc.setCreationDate(new Date(r.generatedAt));

  w.text(`Validation report: ${r.migration.name}`, { size: 18, bold: true, gap: 4 });
  w.text(`${r.migration.strategyLabel} - state ${r.migration.state} - generated ${fmtTime(r.generatedAt)} - schema v${r.schemaVersion}`, { size: 9, gap: 8 });
  const pass = r.verdict.result === "PASS";
  w.banner(`Verdict: ${r.verdict.result}`, pass ? rgb(0.12, 0.52, 0.29) : rgb(0.75, 0.22, 0.17));
  for (const x of r.verdict.reasons) w.text(`${x.severity === "fail" ? "FAIL" : "Note"}: ${x.message}`, { size: 9, color: x.severity === "fail" ? rgb(0.57, 0.17, 0.13) : undefined });
  if (!r.verdict.reasons.length) w.text("Every key compared equal and the counts agree.", { size: 9 });

  w.heading("Endpoints");
  w.table(["", "Name", "Kind", "Address", "TLS", "Engine"], (["source", "target"] as const).map((side) => {
    const e = r.endpoints[side];
    return [side, e.name, e.kind, e.address, e.tls ? "yes" : "no", e.engine ? `${e.engine} ${e.version ?? ""}` : "-"];
  }), [0.1, 0.2, 0.15, 0.3, 0.07, 0.18]);

  if (r.snapshot) {
    const snap = r.snapshot;
    w.heading("Snapshot moment");
    w.text(snap.statement, { size: 9, bold: true, gap: 4 });
    w.table(["", ""], [
      ["Snapshot moment", snap.moment ? `${fmtTime(snap.moment)}${snap.momentSource ? ` (${snap.momentSource})` : ""}` : "not recorded"],
      ["Write freeze", snap.writeFreeze ? `${fmtLocalDateTime(snap.writeFreeze.from)} to ${snap.writeFreeze.to ? fmtLocalDateTime(snap.writeFreeze.to) : "-"}${snap.writeFreeze.note ? ` (${snap.writeFreeze.note})` : ""}` : "none was set"],
      ["Snapshot", snap.snapshotName ?? "-"],
      ["RDB size", fmtBytes(snap.rdbBytes)],
    ], [0.25, 0.75]);
  }

  w.heading("Verification");
  const v = r.verification;
  if (!v) w.text("No verification has finished.");
  else {
    w.text(describeShownRun(v), { size: 9 });
    w.text(`${v.mode} mode${v.reverse ? ", with reverse pass" : ""}`, { size: 9 });
    w.text(`${fmtNumber(v.keysCompared)} keys compared: ${fmtVerifySpeed(v)}${v.resumed ? ", resumed after a restart" : ""}; ended ${fmtTime(v.endedAt)}`, { size: 9, gap: 4 });
    for (const note of v.notes) w.text(`Note: ${note}`, { size: 9, gap: 4 });
    w.table(["OK", "MISSING", "TYPE", "VALUE", "TTL", "EXTRA"], [[v.totals.OK, v.totals.MISSING, v.totals.TYPE, v.totals.VALUE, v.totals.TTL, v.totals.EXTRA].map(fmtNumber)], [1 / 6, 1 / 6, 1 / 6, 1 / 6, 1 / 6, 1 / 6]);
    w.table(["db", "Source keys", "Target keys", "Source expires", "Target expires", "Agree"], v.counts.map((c) => [String(c.db), fmtNumber(c.sourceKeys), fmtNumber(c.targetKeys), fmtNumber(c.sourceExpires), fmtNumber(c.targetExpires), COUNTS_WORD[countsAgreement(c)]]), [0.08, 0.2, 0.2, 0.2, 0.2, 0.12]);
    w.text(`${fmtNumber(v.mismatchCount)} difference(s)${v.mismatchCount > v.mismatchesSample.length ? `; the first ${v.mismatchesSample.length} are listed, all are in the CSV` : ""}.`, { size: 9 });
    if (v.mismatchesSample.some((m) => m.shard)) w.table(["db", "Key", "Status", "Detail", "Shard"], v.mismatchesSample.map((m) => [String(m.db), m.key, m.status, m.detail, m.shard ?? "-"]), [0.06, 0.3, 0.1, 0.32, 0.22]);
    else w.table(["db", "Key", "Status", "Detail"], v.mismatchesSample.map((m) => [String(m.db), m.key, m.status, m.detail]), [0.06, 0.44, 0.1, 0.4]);
  }

  const s = r.sync;
  if (s) w.heading("Sync timeline");
  if (s) w.table(["Milestone", "When / how much"], syncRows(s), [0.25, 0.75]);

  if (r.replication) {
    w.heading("Key-level replication");
    w.table(["What", "How much / when"], replicationRows(r.replication), [0.3, 0.7]);
  }

  if (r.shards) {
    w.heading("Shards");
    for (const t of shardTables(r.shards)) {
      w.text(t.title, { size: 10, bold: true });
      if (t.intro) w.text(t.intro, { size: 9 });
      if (t.head.length) w.table(t.head, t.rows, t.widths);
    }
  }

  w.heading("Baselines");
  const b = r.baselines;
  if (b.missing.length) w.text(`Not captured: ${b.missing.join(", ")}.`, { size: 9 });
  for (const c of b.comparisons) {
    w.text(c.title, { size: 10, bold: true });
    w.text(describeComparison(c), { size: 9 });
    w.table(["Metric", c.aLabel, c.bLabel, "Status"], c.rows.map((x) => [fmtBaselineLabel(x.label), fmtBaselineCell(x.path, x.a), fmtBaselineCell(x.path, x.b), fmtStatus(x.status)]), [0.4, 0.22, 0.22, 0.16]);
  }
  if (r.persistence) {
    const p = r.persistence;
    w.text(`Persistence: AOF ${fmtCell(p.sourceAofEnabled)} / ${fmtCell(p.targetAofEnabled)} (${p.aofMatches ? "matches" : "DIFFERS"}); last BGSAVE ${p.sourceLastBgsaveStatus ?? "none yet"} / ${p.targetLastBgsaveStatus ?? "none yet"}.`, { size: 9 });
  }

  w.heading("Pre-flight");
  const p = r.preflight;
  if (!p) w.text("No pre-flight checks were recorded.");
  else {
    w.text(`Ran ${fmtTime(p.ranAt)} by ${p.ranBy ?? "-"}: ${p.summary.pass} pass, ${p.summary.warn} warn, ${p.summary.fail} fail, ${p.summary.unknown} unknown.`, { size: 9 });
    if (p.override) w.text(`Overridden by ${p.override.by ?? "-"} at ${fmtTime(p.override.at)}: ${p.override.reason}`, { size: 9, bold: true });
    w.table(["Check", "Side", "Status", "Evidence"], p.checks.map((c) => [c.title, c.side, c.status, c.evidence]), [0.3, 0.1, 0.1, 0.5]);
  }

  w.heading("Who did what, when");
  w.table(["When", "Who", "What"], r.events.map((e) => [fmtTime(e.at), e.actor ?? "Ferry", fmtMessage(e.message)]), [0.2, 0.2, 0.6]);
  return w.doc.save();
}
