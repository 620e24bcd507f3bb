import type { RedisEngine } from "../redis/info";

/**
 * Highest RDB version a server can load (RESTORE refuses newer DUMP payloads with "ERR DUMP
 * payload version or checksum are wrong"). From the Redis and Valkey release notes; only used
 * for the side that cannot be probed (the target may be empty, and RESTORE would write).
 */
export function maxRdbVersion(engine: RedisEngine, version: string | null): number | null {
  const v = parseVersion(version);
  if (!v) return null;
  const [major, minor] = v;
  if (engine === "valkey") return major >= 7 && major <= 8 ? 11 : null;
  if (major >= 8) return 12;
  if (major === 7) return minor >= 4 ? 12 : minor >= 2 ? 11 : 10; // ElastiCache "7.1" is the 7.0 line
  if (major === 6 || major === 5) return 9;
  if (major === 4) return 8;
  if (major === 3) return minor >= 2 ? 7 : 6;
  if (major === 2) return 6;
  return null;
}

export function parseVersion(version: string | null | undefined): [number, number, number] | null {
  const m = /^(\d+)(?:\.(\d+))?(?:\.(\d+))?/.exec(String(version ?? "").trim());
  return m ? [Number(m[1]), Number(m[2] ?? 0), Number(m[3] ?? 0)] : null;
}

/** a >= b for dotted versions; null when either is unreadable. */
export function versionAtLeast(a: string | null | undefined, b: string): boolean | null {
  const x = parseVersion(a);
  const y = parseVersion(b);
  if (!x || !y) return null;
  for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return x[i] > y[i];
  return true;
}
