import "server-only";
import { buildReportModel } from "./build-report-model";
import { renderMismatchesCsv } from "./render-mismatches-csv";
import { renderReportHtml } from "./render-report-html";
import { renderReportJson } from "./render-report-json";
import { renderReportPdf } from "./render-report-pdf";
import { reportFilename, type TReportFormat } from "./report-filename";

export const REPORT_FORMATS: readonly TReportFormat[] = ["json", "csv", "html", "pdf"];

const CONTENT_TYPES: Record<TReportFormat, string> = {
  json: "application/json; charset=utf-8",
  csv: "text/csv; charset=utf-8",
  html: "text/html; charset=utf-8",
  pdf: "application/pdf",
};

/** One download of a migration's report (of one verification run, see buildReportModel): body, content type, filename. */
export async function renderReportDownload(opts: { migrationId: string; format: TReportFormat; runId?: string }): Promise<{ body: BodyInit; contentType: string; filename: string }> {
  const { format } = opts;
  const model = await buildReportModel({ migrationId: opts.migrationId, runId: opts.runId });
  const filename = reportFilename(model.migration.name, format, new Date(model.generatedAt));
  const body =
    format === "json" ? renderReportJson(model)
    : format === "csv" ? renderMismatchesCsv(model.verification?.id ?? null)
    : format === "html" ? renderReportHtml(model)
    : new Blob([(await renderReportPdf(model)) as Uint8Array<ArrayBuffer>]);
  return { body, contentType: CONTENT_TYPES[format], filename };
}
