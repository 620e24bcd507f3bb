import { fmtBytes, fmtCell, fmtDuration, fmtNumber, fmtOffsets, fmtTime, fmtVerifySpeed } from "./report-format";
import type { TReport } from "./report-schema";

/** Everything user-supplied passes through here: names, keys, details and reasons are operator data. */
function esc(s: string | number | null | undefined): string {
  return String(s ?? "—").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

const table = (head: string[], rows: (string | number | null)[][], cls = "") =>
  `<table class="${cls}"><thead><tr>${head.map((h) => `<th>${esc(h)}</th>`).join("")}</tr></thead><tbody>${
    rows.length ? rows.map((r) => `<tr>${r.map((c) => `<td>${esc(c)}</td>`).join("")}</tr>`).join("") : `<tr><td colspan="${head.length}">None.</td></tr>`
  }</tbody></table>`;
const pairs = (rows: [string, string | number | null][]) => `<dl>${rows.map(([k, v]) => `<dt>${esc(k)}</dt><dd>${esc(v)}</dd>`).join("")}</dl>`;

const CSS = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#111;margin:2rem auto;max-width:1000px;padding:0 1rem}
h1{font-size:1.6rem;margin:0}h2{font-size:1.15rem;margin:2rem 0 .5rem;border-bottom:1px solid #ccc;padding-bottom:.25rem}
.meta{color:#555;margin:.25rem 0 1rem}
.verdict{border-radius:6px;padding:1rem 1.25rem;margin:1rem 0;border:2px solid}
.verdict.pass{background:#e9f7ef;border-color:#1e8449}.verdict.fail{background:#fdedec;border-color:#c0392b}
.verdict strong{font-size:1.4rem}.verdict li.fail{color:#922b21}.verdict li.note{color:#444}
table{border-collapse:collapse;width:100%;margin:.5rem 0;font-size:12.5px}
th,td{border:1px solid #ddd;padding:4px 6px;text-align:left;vertical-align:top;word-break:break-word}
th{background:#f4f4f4}
dl{display:grid;grid-template-columns:max-content 1fr;gap:2px 1rem;margin:.5rem 0}dt{color:#555}dd{margin:0}
td.differs,tr.differs td{background:#fdedec}
@media print{body{margin:0;max-width:none}h2{break-after:avoid}table{break-inside:auto}tr{break-inside:avoid}}
`;

/** The HTML download: one self-contained, printable file (inline CSS, no scripts, no external assets). */
export function renderReportHtml(r: TReport): string {
  const v = r.verification;
  const verdict = `<section class="verdict ${r.verdict.result.toLowerCase()}"><strong>Verdict: ${r.verdict.result}</strong>${
    r.verdict.reasons.length ? `<ul>${r.verdict.reasons.map((x) => `<li class="${x.severity}">${x.severity === "fail" ? "FAIL" : "Note"}: ${esc(x.message)}</li>`).join("")}</ul>` : "<p>Every key compared equal and the counts agree.</p>"
  }</section>`;
  const endpoints = table(
    ["", "Name", "Kind", "Address", "TLS", "Engine"],
    (["source", "target"] as const).map((side) => {
      const e = r.endpoints[side];
      return [side, e.name, e.kind, e.address, e.tls ? "yes" : "no", e.engine ? `${e.engine} ${e.version ?? ""}`.trim() : null];
    }),
  );
  const verification = v
    ? pairs([
        ["Run", `${v.id} (${v.mode} mode${v.reverse ? ", with reverse pass" : ""})`],
        ["Requested by", v.requestedBy],
        ["Started / ended", `${fmtTime(v.startedAt)} / ${fmtTime(v.endedAt)}`],
        ["Keys compared", fmtNumber(v.keysCompared)],
        ["Speed", fmtVerifySpeed(v)],
        ["Rounds", v.roundsRun],
        ["Resumed after a restart", v.resumed ? "yes" : "no"],
        ...v.notes.map((n): [string, string] => ["Note", n]),
      ]) +
      table(["OK", "MISSING", "TYPE", "VALUE", "TTL", "EXTRA"], [[v.totals.OK, v.totals.MISSING, v.totals.TYPE, v.totals.VALUE, v.totals.TTL, v.totals.EXTRA].map(fmtNumber)]) +
      table(["db", "Source keys", "Target keys", "Source expires", "Target expires", "Counts agree"], v.counts.map((c) => [c.db, fmtNumber(c.sourceKeys), fmtNumber(c.targetKeys), fmtNumber(c.sourceExpires), fmtNumber(c.targetExpires), c.keysAgree ? "yes" : "NO"])) +
      `<p>${fmtNumber(v.mismatchCount)} difference(s)${v.mismatchCount > v.mismatchesSample.length ? `; the first ${v.mismatchesSample.length} are listed, all are in the CSV download` : ""}.</p>` +
      table(["db", "Key", "Status", "Detail"], v.mismatchesSample.map((m) => [m.db, m.key, m.status, m.detail]))
    : "<p>No verification has finished.</p>";
  const s = r.sync;
  const sync = pairs([
    ["Started", fmtTime(s.startedAt)],
    ["Initial sync", s.initialSyncSeconds === null ? "—" : `${fmtDuration(s.initialSyncSeconds * 1000)} (in sync at ${fmtTime(s.inSyncAt)})`],
    ["Max lag", `${fmtBytes(s.maxLagBytes)} overall, ${fmtBytes(s.maxLagBytesAfterSync)} after the initial sync`],
    ["Cutover", fmtTime(s.cutoverAt)],
    ["Final offsets", fmtOffsets(s.finalOffsets)],
    ["Completed", fmtTime(s.completedAt)],
    ["Monitor samples", fmtNumber(s.samples)],
  ]);
  const b = r.baselines;
  const baselines =
    `<p>Source before: ${esc(b.sourceBefore ? `${b.sourceBefore.endpointName}, ${fmtTime(b.sourceBefore.capturedAt)}` : "not captured")} · Target after: ${esc(b.targetAfter ? `${b.targetAfter.endpointName}, ${fmtTime(b.targetAfter.capturedAt)}` : "not captured")}</p>` +
    (b.rows.length
      ? `<table><thead><tr><th>Metric</th><th>Source before</th><th>Target after</th><th>Status</th></tr></thead><tbody>${b.rows
          .map((row) => `<tr class="${row.status}"><td>${esc(row.label)}</td><td>${esc(fmtCell(row.a))}</td><td>${esc(fmtCell(row.b))}</td><td>${esc(row.status)}</td></tr>`)
          .join("")}</tbody></table>`
      : "") +
    (r.persistence
      ? pairs([
          ["AOF (source / target)", `${fmtCell(r.persistence.sourceAofEnabled)} / ${fmtCell(r.persistence.targetAofEnabled)}${r.persistence.aofMatches ? " (matches)" : " (DIFFERS)"}`],
          ["Last BGSAVE (source / target)", `${r.persistence.sourceLastBgsaveStatus ?? "—"} / ${r.persistence.targetLastBgsaveStatus ?? "—"}`],
        ])
      : "");
  const p = r.preflight;
  const preflight = p
    ? `<p>Ran ${esc(fmtTime(p.ranAt))} by ${esc(p.ranBy)}: ${p.summary.pass} pass, ${p.summary.warn} warn, ${p.summary.fail} fail, ${p.summary.unknown} unknown.</p>` +
      (p.override ? `<p><strong>Overridden</strong> by ${esc(p.override.by)} at ${esc(fmtTime(p.override.at))}: ${esc(p.override.reason)}</p>` : "") +
      table(["Check", "Side", "Status", "Evidence"], p.checks.map((c) => [c.title, c.side, c.status, c.evidence]))
    : "<p>No pre-flight checks were recorded.</p>";
  const events = table(["When", "Who", "What"], r.events.map((e) => [fmtTime(e.at), e.actor ?? "Ferry", e.message])) + (r.eventsTruncated ? "<p>Older events are truncated.</p>" : "");
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${esc(`Ferry report: ${r.migration.name}`)}</title><style>${CSS}</style></head><body>
<h1>Validation report: ${esc(r.migration.name)}</h1>
<p class="meta">${esc(r.migration.strategyLabel)} · state ${esc(r.migration.state)} · generated ${esc(fmtTime(r.generatedAt))} · report schema v${r.schemaVersion}</p>
${verdict}
<h2>Endpoints</h2>${endpoints}
<h2>Verification</h2>${verification}
<h2>Sync timeline</h2>${sync}
<h2>Baselines: source before, target after</h2>${baselines}
<h2>Pre-flight</h2>${preflight}
<h2>Who did what, when</h2>${events}
</body></html>
`;
}
