/**
 * Coercion helpers for INFO values. INFO is text; a field may be missing, empty, "nan" or
 * "inf" (mem_fragmentation_ratio on an empty server), so every helper returns null rather than
 * NaN or throwing, and callers decide what "unknown" means.
 */

export function toNumber(value: string | undefined | null): number | null {
  if (value === undefined || value === null) return null;
  const trimmed = value.trim();
  if (trimmed === "") return null;
  const n = Number(trimmed);
  return Number.isFinite(n) ? n : null;
}

export function toInteger(value: string | undefined | null): number | null {
  const n = toNumber(value);
  return n === null ? null : Math.trunc(n);
}

/** INFO booleans are 0/1 (aof_enabled, loading) or yes/no (some ElastiCache builds). */
export function toBoolean(value: string | undefined | null): boolean | null {
  if (value === undefined || value === null) return null;
  const v = value.trim().toLowerCase();
  if (v === "1" || v === "yes" || v === "true") return true;
  if (v === "0" || v === "no" || v === "false") return false;
  return null;
}

/** Splits `a=1,b=2` into a map; tolerates empty parts and parts without `=`. */
export function parseKeyValueList(value: string): Record<string, string> {
  // A Map, then Object.fromEntries: a field named `__proto__` stays an ordinary own property.
  const out = new Map<string, string>();
  for (const part of value.split(",")) {
    const eq = part.indexOf("=");
    if (eq <= 0) continue;
    out.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  return Object.fromEntries(out);
}
