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

const BYTES_IN_TEXT = /\b(\d{1,3}(?:,\d{3})+|\d{4,}) bytes\b/g;

/** Free text (event messages, also ones recorded before) with its byte counts from 1 KiB up as KiB/MiB/GiB: "6105344 bytes" -> "5.8 MiB". */
export function formatBytesInText(text: string): string {
  return text.replace(BYTES_IN_TEXT, (whole, n: string) => {
    const v = Number(n.replaceAll(",", ""));
    return v >= 1024 ? formatBytes(v) : whole;
  });
}
