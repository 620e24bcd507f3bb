// Formatting shared by the HTML, PDF and in-app views, so the three say the same thing.
import type { TFinalOffsets } from "../migrations/record/final-offsets";
import { formatBytes, formatBytesInText } from "../format-bytes";

export function fmtNumber(n: number | null | undefined): string {
  return n === null || n === undefined ? "—" : n.toLocaleString("en-US");
}

export function fmtBytes(n: number | null | undefined): string {
  return formatBytes(n, "—");
}

/** UTC, to the second: the report is read in other time zones than it was made in. */
export function fmtTime(iso: string | null | undefined): string {
  return iso ? `${iso.slice(0, 19).replace("T", " ")} UTC` : "—";
}

export function fmtDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return "—";
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(s < 10 ? 1 : 0)} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${Math.round(s % 60)} s`;
  return `${Math.floor(m / 60)} h ${m % 60} min`;
}

/** Scan throughput and wall time, separately: the wall time includes the pauses between rounds. */
export function fmtVerifySpeed(v: { keysPerSec: number; scanMs: number | null; durationMs: number; roundsRun: number }): string {
  const wall = `wall time ${fmtDuration(v.durationMs)} for ${v.roundsRun} round(s)${v.roundsRun > 1 ? ", pauses between rounds included" : ""}`;
  if (v.scanMs === null) return `${fmtNumber(v.keysPerSec)} keys/s over the ${wall}`;
  return `scan ${fmtNumber(v.keysPerSec)} keys/s (${fmtDuration(v.scanMs)}); ${wall}`;
}

export function fmtCell(v: string | number | boolean | null): string {
  if (v === null) return "—";
  if (typeof v === "boolean") return v ? "yes" : "no";
  return typeof v === "number" ? fmtNumber(v) : v;
}

/** A status word as the console shows it (the baseline compare page says "differs (expected)" too). */
export function fmtStatus(status: string): string {
  return status === "expected-diff" ? "differs (expected)" : status;
}

/** A date-time as the operator typed it (no zone was recorded with it), without the ISO "T". */
export function fmtLocalDateTime(s: string): string {
  return s.replace("T", " ");
}

/** Final offsets as a sentence: "source 1,234 · target 1,234 · lag 0 B · read 2026-11-30 15:08:01 UTC". */
export function fmtOffsets(v: TFinalOffsets | null | undefined): string {
  if (!v) return "—";
  if (v.source === null && v.target === null) return v.note ?? "not read";
  const parts = [`source ${fmtNumber(v.source)}`, `target ${fmtNumber(v.target)}`];
  if (v.lagBytes !== undefined && v.lagBytes !== null) parts.push(`lag ${fmtBytes(v.lagBytes)}`);
  if (v.readAt) parts.push(`read ${fmtTime(v.readAt)}`);
  return parts.join(" · ");
}

const ISO_IN_TEXT = /\b\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z\b/g;

/** Free text (event messages) with its ISO timestamps and byte counts written like every other time and size in the report. */
export function fmtMessage(text: string): string {
  return formatBytesInText(text).replace(ISO_IN_TEXT, (iso) => fmtTime(iso));
}

/** A baseline row's label without the unit its value now carries. */
export function fmtBaselineLabel(label: string): string {
  return label.replace(/ \((bytes|s|ms)\)$/, "");
}

/** A baseline cell with its unit: bytes, seconds, and INFO's -1 ("no BGSAVE yet") in words. */
export function fmtBaselineCell(path: string, v: string | number | boolean | null): string {
  if (typeof v !== "number") return fmtCell(v);
  if (/^memory\.(used|peak|max)$|^persistence\.aofCurrentSize$|^shards\..+\.usedMemory$/.test(path)) return path === "memory.max" && v === 0 ? "no limit" : fmtBytes(v);
  if (path === "persistence.rdbLastBgsaveTimeSec") return v < 0 ? "none since start" : `${fmtNumber(v)} s`;
  if (path.endsWith(".avgTtl")) return fmtDuration(v);
  return fmtNumber(v);
}
