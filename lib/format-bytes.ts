/** 1536 -> "1.5 KiB"; a missing value -> `unknown` (default "unknown"). Safe in the browser too. */
export function formatBytes(n: number | null | undefined, unknown = "unknown"): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return unknown;
  const units = ["B", "KiB", "MiB", "GiB", "TiB"];
  let v = n;
  let i = 0;
  while (Math.abs(v) >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${i === 0 ? v : v.toFixed(v >= 100 ? 0 : 1)} ${units[i]}`;
}
