import { CSS, esc, pairs, status, table, wrap } from "./report-html-parts";
import { syncRows } from "./sync-rows";
import { fmtBaselineCell, fmtBaselineLabel, fmtBytes, fmtLocalDateTime, fmtMessage, fmtNumber, fmtTime, fmtVerifySpeed } from "./report-format";
import type { TReport } from "./report-schema";
import { COUNTS_WORD, countsAgreement, describeComparison, describeShownRun } from "./report-wording";

const COUNTS_TONE = { agree: "yes", "ttl-only": "warn", differ: "no" } as const;
const countsCell = (a: keyof typeof COUNTS_TONE) => status(COUNTS_TONE[a], COUNTS_WORD[a]);
import { replicationRows } from "./replication-rows";
import { shardTables } from "./shard-tables";

function verificationHtml(r: TReport): string {
  const v = r.verification;
  if (!v) return "<p>No verification has finished.</p>";
  const others = r.verificationRuns.filter((x) => x.id !== v.id);
  return `<p>${esc(describeShownRun(v))}</p>` +
    pairs([
      ["Mode", `${v.mode}${v.reverse ? ", with reverse pass" : ""}`],
      ["Keys compared", fmtNumber(v.keysCompared)],
      ["Speed", fmtVerifySpeed(v)],
      ["Rounds", v.roundsRun],
      ["Resumed after a restart", v.resumed ? "yes" : "no"],
      ...v.notes.map((n): [string, string] => ["Note", n]),
    ]) +
    table(["OK", "MISSING", "TYPE", "VALUE", "TTL", "EXTRA"], [[v.totals.OK, v.totals.MISSING, v.totals.TYPE, v.totals.VALUE, v.totals.TTL, v.totals.EXTRA].map(fmtNumber)]) +
    table(["db", "Source keys", "Target keys", "Source expires", "Target expires", "Counts agree"],
      v.counts.map((c) => [c.db, fmtNumber(c.sourceKeys), fmtNumber(c.targetKeys), fmtNumber(c.sourceExpires), fmtNumber(c.targetExpires), countsCell(countsAgreement(c))])) +
    `<p>${fmtNumber(v.mismatchCount)} difference(s)${v.mismatchCount > v.mismatchesSample.length ? `; the first ${v.mismatchesSample.length} are listed, all are in the CSV download` : ""}.</p>` +
    (v.mismatchesSample.some((m) => m.shard)
      ? table(["db", "Key", "Status", "Detail", "Shard"], v.mismatchesSample.map((m) => [m.db, wrap(m.key), status("fail", m.status), wrap(m.detail), wrap(m.shard)]))
      : table(["db", "Key", "Status", "Detail"], v.mismatchesSample.map((m) => [m.db, wrap(m.key), status("fail", m.status), wrap(m.detail)]))) +
    (others.length ? `<h3>Other finished runs</h3>${table(["Run", "Started by", "Finished", "Differences"], others.map((x) => [wrap(x.id), x.requestedBy, fmtTime(x.endedAt), fmtNumber(x.mismatchCount)]))}` : "");
}

function snapshotHtml(s: NonNullable<TReport["snapshot"]>): string {
  return `<p class="caveat">${esc(s.statement)}</p>` + pairs([
    ["Snapshot moment", s.moment ? `${fmtTime(s.moment)}${s.momentSource ? ` (${s.momentSource})` : ""}` : "not recorded"],
    ["Write freeze", s.writeFreeze ? `${fmtLocalDateTime(s.writeFreeze.from)} to ${s.writeFreeze.to ? fmtLocalDateTime(s.writeFreeze.to) : "—"}${s.writeFreeze.note ? ` (${s.writeFreeze.note})` : ""}` : "none was set"],
    ["Snapshot", s.snapshotName],
    ["RDB size", fmtBytes(s.rdbBytes)],
  ]);
}

function syncHtml(s: NonNullable<TReport["sync"]>): string {
  return pairs(syncRows(s));
}

function baselinesHtml(r: TReport): string {
  const b = r.baselines;
  const missing = b.missing.length ? `<p>Not captured: ${esc(b.missing.join(", "))}.</p>` : "";
  const comparisons = b.comparisons.map((c) => `<h3>${esc(c.title)}</h3><p>${esc(describeComparison(c))}</p>` +
    table(["Metric", c.aLabel, c.bLabel, "Status"], c.rows.map((row) => [fmtBaselineLabel(row.label), fmtBaselineCell(row.path, row.a), fmtBaselineCell(row.path, row.b), status(row.status)]))).join("");
  const p = r.persistence;
  const persistence = p
    ? pairs([
        ["AOF (source / target)", `${p.sourceAofEnabled === null ? "—" : p.sourceAofEnabled ? "yes" : "no"} / ${p.targetAofEnabled === null ? "—" : p.targetAofEnabled ? "yes" : "no"}${p.aofMatches ? " (matches)" : " (DIFFERS)"}`],
        ["Last BGSAVE (source / target)", `${p.sourceLastBgsaveStatus ?? "none yet"} / ${p.targetLastBgsaveStatus ?? "none yet"}`],
      ])
    : "";
  return missing + comparisons + persistence;
}

function shardsHtml(s: NonNullable<TReport["shards"]>): string {
  return shardTables(s).map((t) => `<h3>${esc(t.title)}</h3>${t.intro ? `<p>${esc(t.intro)}</p>` : ""}${t.head.length ? table(t.head, t.rows.map((row) => row.map(wrap)), `shards-${t.id}`) : ""}`).join("");
}

function preflightHtml(p: TReport["preflight"]): string {
  if (!p) return "<p>No pre-flight checks were recorded.</p>";
  return `<p>Ran ${esc(fmtTime(p.ranAt))} by ${esc(p.ranBy)}: ${p.summary.pass} pass, ${p.summary.warn} warn, ${p.summary.fail} fail, ${p.summary.unknown} unknown.</p>` +
    (p.override ? `<p><strong>Overridden</strong> by ${esc(p.override.by)} at ${esc(fmtTime(p.override.at))}: ${esc(p.override.reason)}</p>` : "") +
    table(["Check", "Side", "Status", "Evidence"], p.checks.map((c) => [c.title, c.side, status(c.status), wrap(c.evidence)]));
}

/** The HTML download: one self-contained, printable file (inline CSS, no scripts, no external assets). */
export function renderReportHtml(r: TReport): string {
  const verdict = `<section class="verdict ${r.verdict.result.toLowerCase()}"><strong>Verdict: ${r.verdict.result}</strong>${
    r.verdict.reasons.length ? `<ul>${r.verdict.reasons.map((x) => `<li class="${x.severity}">${x.severity === "fail" ? "FAIL" : "Note"}: ${esc(x.message)}</li>`).join("")}</ul>` : "<p>Every key compared equal and the counts agree.</p>"
  }</section>`;
  const endpoints = table(["", "Name", "Kind", "Address", "TLS", "Engine"], (["source", "target"] as const).map((side) => {
    const e = r.endpoints[side];
    return [side, e.name, e.kind, wrap(e.address), e.tls ? "yes" : "no", e.engine ? `${e.engine} ${e.version ?? ""}`.trim() : null];
  }));
  const events = table(["When", "Who", "What"], r.events.map((e) => [{ text: fmtTime(e.at), cls: "st" }, e.actor ?? "Ferry", wrap(fmtMessage(e.message))])) + (r.eventsTruncated ? "<p>Older events are truncated.</p>" : "");
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${esc(`Ferry report: ${r.migration.name}`)}</title><style>${CSS}</style></head><body>
<h1>Validation report: ${esc(r.migration.name)}</h1>
<p class="meta">${esc(r.migration.strategyLabel)} · state ${esc(r.migration.state)} · generated ${esc(fmtTime(r.generatedAt))} · report schema v${r.schemaVersion}</p>
${verdict}
<h2>Endpoints</h2>${endpoints}
${r.snapshot ? `<h2>Snapshot moment</h2>${snapshotHtml(r.snapshot)}` : ""}
<h2>Verification</h2>${verificationHtml(r)}
${r.sync ? `<h2>Sync timeline</h2>${syncHtml(r.sync)}` : ""}
${r.replication ? `<h2>Key-level replication</h2>${pairs(replicationRows(r.replication))}` : ""}
${r.shards ? `<h2>Shards</h2>${shardsHtml(r.shards)}` : ""}
<h2>Baselines</h2>${baselinesHtml(r)}
<h2>Pre-flight</h2>${preflightHtml(r.preflight)}
<h2>Who did what, when</h2>${events}
</body></html>
`;
}
