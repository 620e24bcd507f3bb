// Formatting shared by the HTML, PDF and in-app views, so the three say the same thing.
import { formatBytes } from "../format-bytes";

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
  const wall = `wall time ${fmtDuration(v.durationMs)}${v.roundsRun > 1 ? ` for ${v.roundsRun} rounds, pauses included` : ""}`;
  if (v.scanMs === null) return `${fmtNumber(v.keysPerSec)} keys/s over the ${wall}`;
  return `scan ${fmtNumber(v.keysPerSec)} keys/s (${fmtDuration(v.scanMs)}); ${wall}`;
}

export function fmtCell(v: string | number | boolean | null): string {
  if (v === null) return "—";
  if (typeof v === "boolean") return v ? "yes" : "no";
  return typeof v === "number" ? fmtNumber(v) : v;
}

export function fmtOffsets(v: unknown): string {
  if (v === null || v === undefined) return "—";
  if (typeof v === "object") return Object.entries(v as Record<string, unknown>).map(([k, x]) => `${k} ${typeof x === "number" ? fmtNumber(x) : String(x)}`).join(", ");
  return String(v);
}
