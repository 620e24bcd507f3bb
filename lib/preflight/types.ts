export type CheckStatus = "pass" | "warn" | "fail" | "unknown";
export type CheckSide = "source" | "target" | "network";
export type Strategy = "online" | "replicaof" | "snapshot" | "replicate" | "serverless-online";

export type PreflightCheck = {
  /** Stable id, e.g. "source.protected-mode"; the UI keys overrides and history on it. */
  id: string;
  title: string;
  status: CheckStatus;
  /** The value Ferry saw, in words an operator can verify on their own server. */
  evidence: string;
  why: string;
  /** The exact command or console setting that makes the check pass. Empty when passing needs nothing. */
  fix: string;
  side: CheckSide;
  /** Where in Ferry the fix is made (e.g. the migration's snapshot page), shown as a link beside it. */
  fixLink?: { href: string; label: string };
  /** Ferry can apply `fix` itself after the operator confirms (a button next to the check). */
  autoFix?: "keyspace-notifications";
};

export type PreflightSummary = {
  pass: number;
  warn: number;
  fail: number;
  unknown: number;
  /** Any failure blocks "Next" unless the operator overrides it with a recorded reason. */
  blocking: boolean;
};

export type PreflightResult = {
  strategy: Strategy;
  checks: PreflightCheck[];
  summary: PreflightSummary;
  /** Keys examined by the bounded sample (big keys, types); stated so nobody mistakes it for a full scan. */
  sampleSize: number;
  ranAt: string;
  durationMs: number;
};

export function summarizeChecks(checks: PreflightCheck[]): PreflightSummary {
  const count = (s: CheckStatus) => checks.filter((c) => c.status === s).length;
  return { pass: count("pass"), warn: count("warn"), fail: count("fail"), unknown: count("unknown"), blocking: count("fail") > 0 };
}

/** Builder so every check carries all fields; `fix` defaults to nothing-to-do when passing. */
export function check(
  id: string,
  side: CheckSide,
  title: string,
  status: CheckStatus,
  evidence: string,
  why: string,
  fix = "",
): PreflightCheck {
  return { id, title, status, evidence, why, fix: status === "pass" ? "" : fix, side };
}

export { formatBytes } from "../format-bytes";
