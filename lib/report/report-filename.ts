export type TReportFormat = "json" | "csv" | "html" | "pdf";

/** ferry-report-<name>-<YYYY-MM-DD>.<ext>, with the name reduced to safe filename characters. */
export function reportFilename(name: string, format: TReportFormat, at = new Date()): string {
  const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 60) || "migration";
  const suffix = format === "csv" ? "-mismatches" : "";
  return `ferry-report-${slug}-${at.toISOString().slice(0, 10)}${suffix}.${format}`;
}
