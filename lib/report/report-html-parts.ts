// Building blocks of the HTML download: escaping, tables whose cells may carry a class, CSS.
import { fmtStatus } from "./report-format";

/** Everything user-supplied passes through here: names, keys, details and reasons are operator data. */
export function esc(s: string | number | null | undefined): string {
  return String(s ?? "—").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

/** A cell: plain text, or text with a class (status colour, `wrap` for long unbroken values). */
export type THtmlCell = string | number | null | { text: string | number | null; cls: string };

const cell = (c: THtmlCell) => (c !== null && typeof c === "object" ? `<td class="${c.cls}">${esc(c.text)}</td>` : `<td>${esc(c)}</td>`);

export const table = (head: string[], rows: THtmlCell[][], cls = "") =>
  `<table class="${cls}"><thead><tr>${head.map((h) => `<th>${esc(h)}</th>`).join("")}</tr></thead><tbody>${
    rows.length ? rows.map((r) => `<tr>${r.map(cell).join("")}</tr>`).join("") : `<tr><td colspan="${head.length}">None.</td></tr>`
  }</tbody></table>`;

export const pairs = (rows: [string, string | number | null][]) => `<dl>${rows.map(([k, v]) => `<dt>${esc(k)}</dt><dd>${esc(v)}</dd>`).join("")}</dl>`;

const TONE: Record<string, string> = { pass: "ok", ok: "ok", same: "ok", yes: "ok", fail: "bad", differs: "bad", no: "bad", warn: "warn", "expected-diff": "muted", unknown: "muted" };

/** A status word coloured the way the console colours it (pass green, fail red, warn amber). */
export const status = (word: string, text: string = fmtStatus(word)): THtmlCell => ({ text, cls: `st ${TONE[word.toLowerCase()] ?? "muted"}` });

export const wrap = (text: string | number | null): THtmlCell => ({ text, cls: "wrap" });

// Words never break mid-word (overflow-wrap only where a value has no spaces to break at: keys, ARNs, messages).
export const CSS = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#111;margin:2rem auto;max-width:1000px;padding:0 1rem}
h1{font-size:1.6rem;margin:0}h2{font-size:1.15rem;margin:2rem 0 .5rem;border-bottom:1px solid #ccc;padding-bottom:.25rem}h3{font-size:1rem;margin:1.25rem 0 .25rem}
.meta{color:#555;margin:.25rem 0 1rem}
.verdict{border-radius:6px;padding:1rem 1.25rem;margin:1rem 0;border:2px solid}
.verdict.pass{background:#e9f7ef;border-color:#1e8449}.verdict.fail{background:#fdedec;border-color:#c0392b}
.verdict strong{font-size:1.4rem}.verdict li.fail{color:#922b21}.verdict li.note{color:#444}
.caveat{border-left:4px solid #b9770e;background:#fef5e7;padding:.5rem .75rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0;font-size:12.5px}
th,td{border:1px solid #ddd;padding:4px 6px;text-align:left;vertical-align:top;word-break:normal;overflow-wrap:break-word;hyphens:none}
th{background:#f4f4f4;white-space:nowrap}
td.wrap{overflow-wrap:anywhere}
td.st{white-space:nowrap;font-weight:600}td.ok{color:#1e8449}td.bad{color:#c0392b;background:#fdedec}td.warn{color:#9a6700}td.muted{color:#666}
dl{display:grid;grid-template-columns:max-content 1fr;gap:2px 1rem;margin:.5rem 0}dt{color:#555}dd{margin:0;overflow-wrap:anywhere}
@media print{body{margin:0;max-width:none}h2{break-after:avoid}table{break-inside:auto}tr{break-inside:avoid}}
`;
